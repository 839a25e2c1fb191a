import { useEffect, useState } from 'react';
import { Button, Radio, RadioGroup, Spinner, Text, makeStyles, tokens } from '@fluentui/react-components';
import type { HealthResponse } from '../../core/contract';
import type { Organisation } from '../../core/domain';
import type { ApiClient } from '../api/client';
import { signInWithXero } from '../office/dialog';

const useStyles = makeStyles({
  column: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM },
  row: { display: 'flex', gap: tokens.spacingHorizontalS, flexWrap: 'wrap' },
});

type Props = {
  api: ApiClient;
  token: string | null;
  organisation: Organisation | null;
  onSignedIn: (token: string | null) => void;
  onChoose: (org: Organisation | null) => void;
  onError: (title: string, err: unknown) => void;
};

/** The ways this proxy offers to sign in: Xero, the demo organisation, or both. */
function SignIn({ api, onSignedIn, onError }: Pick<Props, 'api' | 'onSignedIn' | 'onError'>) {
  const styles = useStyles();
  const [busy, setBusy] = useState(false);
  const [signIn, setSignIn] = useState<HealthResponse['signIn'] | null>(null);

  useEffect(() => {
    let live = true;
    api
      .call('health')
      .then((health) => live && setSignIn(health.signIn))
      .catch((err: unknown) => live && onError('The Xero Bridge proxy is not answering', err));
    return () => {
      live = false;
    };
  }, [api, onError]);

  const connect = async (how: string, session: () => Promise<string>) => {
    setBusy(true);
    try {
      onSignedIn(await session());
    } catch (err) {
      onError(`Could not ${how}`, err);
    } finally {
      setBusy(false);
    }
  };
  const useDemo = () => connect('open the demo organisation', async () => (await api.call('demoSignIn')).token);
  const connectXero = () => connect('connect to Xero', signInWithXero);

  return (
    <section className={styles.column} aria-label="Connect">
      <Text>
        Connect an organisation to pull its chart of accounts, tax rates, contacts and items into sheets. The demo organisation is a recorded Xero organisation
        you can try every feature on; changes to it stay on the proxy.
      </Text>
      <div className={styles.row}>
        {signIn?.xero && (
          <Button appearance="primary" onClick={connectXero} disabled={busy}>
            Connect to Xero
          </Button>
        )}
        {(signIn === null || signIn.demo) && (
          <Button appearance={signIn?.xero ? 'secondary' : 'primary'} onClick={useDemo} disabled={busy}>
            Use the demo organisation
          </Button>
        )}
        {busy && <Spinner size="tiny" label="Connecting…" />}
      </div>
    </section>
  );
}

export function ConnectTab({ api, token, organisation, onSignedIn, onChoose, onError }: Props) {
  const styles = useStyles();
  const [organisations, setOrganisations] = useState<Organisation[] | null>(null);

  useEffect(() => {
    if (!token) {
      setOrganisations(null);
      return;
    }
    let live = true;
    api
      .call('organisations')
      .then((body) => {
        if (!live) return;
        setOrganisations(body.organisations);
        if (!organisation && body.organisations.length === 1) onChoose(body.organisations[0] ?? null);
      })
      .catch((err: unknown) => live && onError('Could not list your organisations', err));
    return () => {
      live = false;
    };
  }, [api, token]);

  const signOut = async () => {
    try {
      await api.call('signOut');
    } finally {
      onSignedIn(null);
    }
  };

  if (!token) return <SignIn api={api} onSignedIn={onSignedIn} onError={onError} />;

  return (
    <section className={styles.column} aria-label="Connect">
      {organisations === null ? (
        <Spinner size="tiny" label="Loading your organisations…" />
      ) : organisations.length === 0 ? (
        <Text>This session has no organisations. Sign out and connect again.</Text>
      ) : (
        <RadioGroup
          aria-label="Organisation"
          value={organisation?.tenantId ?? ''}
          onChange={(_e, data) => onChoose(organisations.find((o) => o.tenantId === data.value) ?? null)}
        >
          {organisations.map((o) => (
            <Radio key={o.tenantId} value={o.tenantId} label={`${o.name} (${o.baseCurrency})`} />
          ))}
        </RadioGroup>
      )}
      <div className={styles.row}>
        <Button onClick={signOut}>Sign out</Button>
      </div>
    </section>
  );
}
