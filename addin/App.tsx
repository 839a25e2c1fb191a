import { useCallback, useEffect, useMemo, useState } from 'react';
import {
  Badge,
  FluentProvider,
  MessageBar,
  MessageBarBody,
  MessageBarTitle,
  Tab,
  TabList,
  Text,
  makeStyles,
  tokens,
  webLightTheme,
} from '@fluentui/react-components';
import type { Organisation } from '../core/domain';
import { ApiError, createApiClient } from './api/client';
import type { PaneHost } from './office/host';
import { shareWithFunctions } from './functions/share';
import { sessionToken } from './session';
import { ConnectTab } from './tabs/ConnectTab';
import { DataTab } from './tabs/DataTab';
import { MappingTab } from './tabs/MappingTab';
import { ReportsTab } from './tabs/ReportsTab';

const useStyles = makeStyles({
  pane: {
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalM,
    padding: tokens.spacingHorizontalM,
    minHeight: '100vh',
    boxSizing: 'border-box',
  },
  header: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalXS },
  org: { display: 'flex', alignItems: 'center', gap: tokens.spacingHorizontalS },
});

export type TabName = 'connect' | 'data' | 'mapping' | 'reports';

export type PaneProblem = { title: string; message: string };

/** The pane's title and the organisation it works on. */
function PaneHeader({ organisation }: { organisation: Organisation | null }) {
  const styles = useStyles();
  return (
    <header className={styles.header}>
      <Text as="h1" size={500} weight="semibold">
        Xero Bridge
      </Text>
      <div className={styles.org} aria-live="polite">
        {organisation ? (
          <>
            <Badge appearance="tint" color={organisation.source === 'snapshot' ? 'warning' : 'success'}>
              {organisation.source === 'snapshot' ? 'Snapshot' : 'Xero'}
            </Badge>
            <Text weight="semibold">{organisation.name}</Text>
          </>
        ) : (
          <Text>No organisation chosen</Text>
        )}
      </div>
    </header>
  );
}

/** Not in Excel, and the last problem (dismissed by a click). */
function PaneMessages({ inExcel, problem, onDismiss }: { inExcel: boolean; problem: PaneProblem | null; onDismiss: () => void }) {
  return (
    <>
      {!inExcel && (
        <MessageBar intent="warning">
          <MessageBarBody>
            <MessageBarTitle>Not running in Excel</MessageBarTitle>
            This page is the Xero Bridge task pane. Open it from Excel (Home tab, Xero Bridge) to pull data into sheets; here you can still connect and look
            around.
          </MessageBarBody>
        </MessageBar>
      )}
      {problem && (
        <MessageBar intent="error" onClick={() => onDismiss()}>
          <MessageBarBody>
            <MessageBarTitle>{problem.title}</MessageBarTitle>
            {problem.message}
          </MessageBarBody>
        </MessageBar>
      )}
    </>
  );
}

export function App({ host }: { host: PaneHost }) {
  const styles = useStyles();
  const [tab, setTab] = useState<TabName>('connect');
  const [token, setToken] = useState<string | null>(() => sessionToken.get());
  const [organisation, setOrganisation] = useState<Organisation | null>(null);
  const [problem, setProblem] = useState<PaneProblem | null>(null);
  const api = useMemo(() => createApiClient(() => token), [token]);
  // The XERO worksheet functions use the pane's session (they run apart from the pane).
  useEffect(() => {
    if (host.inExcel) shareWithFunctions(token, organisation, window.location.origin).catch(() => undefined); // the functions then say to sign in
  }, [host.inExcel, token, organisation]);

  const report = useCallback((title: string, err: unknown) => {
    const message = err instanceof ApiError || err instanceof Error ? err.message : String(err);
    setProblem({ title, message });
    if (err instanceof ApiError && err.status === 401) {
      sessionToken.set(null);
      setToken(null);
      setOrganisation(null);
    }
  }, []);

  const signedIn = (next: string | null) => {
    sessionToken.set(next);
    setToken(next);
    if (!next) setOrganisation(null);
  };

  return (
    <FluentProvider theme={webLightTheme}>
      <main className={styles.pane}>
        <PaneHeader organisation={organisation} />

        <PaneMessages inExcel={host.inExcel} problem={problem} onDismiss={() => setProblem(null)} />

        <TabList selectedValue={tab} onTabSelect={(_e, data) => setTab(data.value as TabName)}>
          <Tab value="connect">Connect</Tab>
          <Tab value="data">Data</Tab>
          <Tab value="mapping">Mapping</Tab>
          <Tab value="reports">Reports</Tab>
        </TabList>

        {tab === 'connect' && (
          <ConnectTab
            api={api}
            token={token}
            organisation={organisation}
            onSignedIn={signedIn}
            onChoose={(org) => {
              setOrganisation(org);
              setProblem(null);
            }}
            onError={report}
          />
        )}
        {tab === 'data' && <DataTab api={api} host={host} organisation={organisation} onError={report} />}
        {tab === 'mapping' && <MappingTab api={api} host={host} organisation={organisation} onError={report} />}
        {tab === 'reports' && <ReportsTab api={api} host={host} organisation={organisation} onError={report} />}
      </main>
    </FluentProvider>
  );
}
