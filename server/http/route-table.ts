import express, { Router } from 'express';
import type { Request, RequestHandler, Response } from 'express';
import type { z } from 'zod';
import { routes } from '../../core/contract';
import type { ParsedInput, RouteAnswer, RouteDefinition, RouteName, Routes } from '../../core/contract';
import { notFound } from '../errors';
import type { Session } from '../sessions/sessions';
import type { OrganisationDirectory } from '../sources/directory';
import type { OrganisationSource } from '../sources/source';
import { sessionOf } from './auth';
import { parse } from './validate';

/** A file answer (CSV, PDF) instead of the route's JSON. */
export type FileAnswer = { file: { type: string; name: string; body: string | Buffer } };

/** An answer already made into the route's JSON text (a plan put together in a worker thread): sent as it is. */
export class JsonText<T> {
  /** The answer's type, for the handler's signature only. */
  declare readonly answer?: T;
  constructor(readonly text: string) {}
}

/** What a handler has besides its parsed input: the session and, for an organisation's routes, its source. */
type RouteContext<N extends RouteName> = {
  req: Request;
  res: Response;
  session: Routes[N]['access'] extends 'public' ? null : Session;
  source: Routes[N]['access'] extends 'organisation' ? OrganisationSource : null;
};

type Answer<N extends RouteName> = RouteAnswer<N> | FileAnswer | JsonText<RouteAnswer<N>>;
type Handle<N extends RouteName> = (input: ParsedInput<N>, ctx: RouteContext<N>) => Promise<Answer<N>> | Answer<N>;

/** A JSON body this thread leaves unread: the handler passes its text on (to a worker thread), where the route's own schema reads it. */
type BodyText = { text: string };
type TextHandle<N extends RouteName> = (input: Omit<ParsedInput<N>, 'body'> & { body: BodyText }, ctx: RouteContext<N>) => Promise<Answer<N>> | Answer<N>;

/**
 * A route's handler, with any middleware (rate limits) that runs before its input is parsed; `bodyText` when it is
 * handed its JSON body as text (made with `withBodyText`).
 */
type RouteHandler<N extends RouteName> = Handle<N> | { use: RequestHandler[]; handle: Handle<N>; bodyText?: true };

/** A handler handed its JSON body as text, for a worker thread to read with the route's schema (see `bodyTextParsers`). */
export function withBodyText<N extends RouteName>(handle: TextHandle<N>): RouteHandler<N> {
  return { use: [], handle: handle as unknown as Handle<N>, bodyText: true };
}

/** The largest JSON body the proxy reads. */
export const JSON_BODY_LIMIT = '2mb';

const isBodyText = (handler: RouteHandler<RouteName>): boolean => typeof handler !== 'function' && handler.bodyText === true;

/**
 * Reads the JSON bodies of the `bodyText` routes as text, mounted before the app's JSON parser (which then leaves
 * them alone): their handlers pass the text to a worker thread, and this thread spends nothing parsing it.
 */
export function bodyTextParsers(handlers: RouteHandlers): Router {
  const router = Router();
  const text = express.text({ type: 'application/json', limit: JSON_BODY_LIMIT });
  for (const name of Object.keys(handlers) as RouteName[]) {
    const def: RouteDefinition = routes[name];
    if (isBodyText(handlers[name] as RouteHandler<RouteName>)) router[def.method === 'GET' ? 'get' : 'post'](def.path, text);
  }
  return router;
}

export type RouteHandlers = { [N in RouteName]?: RouteHandler<N> };

export type RegisterOptions = {
  directory: OrganisationDirectory;
  /** Check every JSON answer against its schema (tests and development); a mismatch is a 500, never a bad answer. */
  checkAnswers: boolean;
};

const isFile = (answer: unknown): answer is FileAnswer => typeof answer === 'object' && answer !== null && 'file' in answer && !Array.isArray(answer);

/** The organisation a request names, if and only if its session connected it (else 404, never the data). */
async function organisationOf(directory: OrganisationDirectory, session: Session, tenantId: string): Promise<OrganisationSource> {
  const source = await directory.resolve(session, tenantId);
  if (!source) throw notFound(`No organisation ${tenantId} is connected to this session`);
  return source;
}

const part = (schema: z.ZodType | undefined, value: unknown, where: string) => (schema ? parse(schema, value, where) : {});

/** A `bodyText` route's body: its text, or (not sent as JSON) the route schema's own refusal. */
function bodyText(def: RouteDefinition, req: Request): BodyText {
  if (typeof req.body === 'string') return { text: req.body };
  return { text: JSON.stringify(def.body ? parse(def.body, req.body, 'body') : req.body) };
}

/** The rest of the input, parsed once the organisation is known (so a stranger learns nothing from a 400). */
function parsedInput(def: RouteDefinition, req: Request, params: unknown, text: boolean): ParsedInput<RouteName> {
  return {
    params,
    query: part(def.query, req.query, 'query'),
    headers: part(def.headers, req.headers, 'header'),
    body: text ? bodyText(def, req) : def.body ? parse(def.body, req.body, 'body') : undefined,
  } as ParsedInput<RouteName>;
}

function answer(def: RouteDefinition, res: Response, result: unknown, checkAnswers: boolean): void {
  if (isFile(result)) {
    res.type(result.file.type).attachment(result.file.name).send(result.file.body);
  } else if (result instanceof JsonText) {
    if (checkAnswers) def.response?.parse(JSON.parse(result.text));
    res
      .status(def.status ?? 200)
      .type('json')
      .send(result.text);
  } else if (def.response === null) {
    res.status(204).end();
  } else {
    res.status(def.status ?? 200).json(checkAnswers ? def.response.parse(result) : result);
  }
}

/** Registers every handler at its route table entry: input parsed, organisation resolved, answer checked. */
export function registerRoutes(router: Router, handlers: RouteHandlers, options: RegisterOptions): void {
  for (const name of Object.keys(handlers) as RouteName[]) {
    const def: RouteDefinition = routes[name];
    const handler = handlers[name] as RouteHandler<RouteName>;
    const text = isBodyText(handler);
    const { use, handle } = typeof handler === 'function' ? { use: [], handle: handler } : handler;
    const run: RequestHandler = async (req, res) => {
      const session = def.access === 'public' ? null : sessionOf(req);
      const params = part(def.params, req.params, 'path') as { tenantId?: string };
      const source = def.access === 'organisation' && session && params.tenantId ? await organisationOf(options.directory, session, params.tenantId) : null;
      const input = parsedInput(def, req, params, text);
      const result = await handle(input, { req, res, session, source } as RouteContext<RouteName>);
      answer(def, res, result, options.checkAnswers);
    };
    router[def.method === 'GET' ? 'get' : 'post'](def.path, ...use, run);
  }
}
