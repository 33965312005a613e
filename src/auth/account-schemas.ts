import { z } from 'zod';

// The first-run and login forms, shared by the pages and their tests. Limits keep a hostile
// request from making scrypt hash megabytes.
const username = z
  .string({ error: 'Enter a user name' })
  .trim()
  .min(1, 'Enter a user name')
  .min(3, 'At least 3 characters')
  .max(64, 'At most 64 characters')
  .regex(/^[^\s\p{C}]+$/u, 'No spaces or control characters in the user name');

export const setupFormSchema = z
  .object({
    username,
    password: z
      .string({ error: 'Enter a password' })
      .min(10, 'At least 10 characters')
      .max(256, 'At most 256 characters'),
    confirm: z.string({ error: 'Repeat the password' }),
  })
  .refine((form) => form.password === form.confirm, { path: ['confirm'], message: 'The passwords do not match' });

export const loginFormSchema = z.object({
  username: z.string({ error: 'Enter your user name' }).trim().min(1, 'Enter your user name').max(64),
  password: z.string({ error: 'Enter your password' }).min(1, 'Enter your password').max(256),
});

export type SetupForm = z.infer<typeof setupFormSchema>;
export type LoginForm = z.infer<typeof loginFormSchema>;

export const passwordChangeSchema = z
  .object({
    current: z.string({ error: 'Enter your current password' }).min(1, 'Enter your current password').max(256),
    password: setupFormSchema.shape.password,
    confirm: z.string({ error: 'Repeat the new password' }),
  })
  .refine((form) => form.password === form.confirm, { path: ['confirm'], message: 'The passwords do not match' });
