/** Events of a construction project's stream (`project:<id>`). */
import { z } from 'zod';
import { defineEvent } from './common';

const ProjectData = z.object({
  projectId: z.string(),
  code: z.string(),
  name: z.string(),
  type: z.string().nullable(),
  landSource: z.string().nullable(),
  builderName: z.string(),
  builderUscc: z.string(),
  data: z.record(z.string(), z.unknown()),
});

export const projectEvents = [defineEvent('project.registered', 1, ProjectData), defineEvent('project.updated', 1, ProjectData)] as const;
