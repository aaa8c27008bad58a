import { Logger } from '@nestjs/common';

// Unit and repository tests exercise code that logs through Nest's Logger; keep only errors.
Logger.overrideLogger(['error', 'fatal']);
