// Where the browser test finds Chromium: Debian's package by default (infra/chromium/install.sh).
import { z } from 'zod';

const schema = z.object({ CHROMIUM_PATH: z.string().min(1).default('/usr/bin/chromium') });

/** The Chromium executable the browser test drives. */
export function chromiumPath(env: Readonly<Record<string, string | undefined>> = process.env): string {
  return schema.parse(env).CHROMIUM_PATH;
}
