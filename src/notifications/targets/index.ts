import type { NotificationKind } from '../../db/schema/outbound.ts';
import type { TargetModule } from '../notification-target.ts';
import { apprise } from './apprise.ts';
import { discord } from './discord.ts';
import { gotify } from './gotify.ts';
import { ntfy } from './ntfy.ts';
import { pushover } from './pushover.ts';
import { telegram } from './telegram.ts';
import { webhook } from './webhook.ts';

export const TARGETS: Record<NotificationKind, TargetModule> = { discord, telegram, ntfy, gotify, pushover, apprise, webhook };
