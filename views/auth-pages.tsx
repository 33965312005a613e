import type { FC } from 'hono/jsx';
import { FormMessage, TextField } from './components.tsx';
import { BareLayout, type Chrome } from './layout.tsx';

type FormProps = {
  assets: Chrome['assets'];
  formToken: string;
  values?: { username?: string };
  errors?: Record<string, string>;
};

export const SetupPage: FC<FormProps> = ({ assets, formToken, values = {}, errors = {} }) => (
  <BareLayout title="Welcome" assets={assets}>
    <section class="card bare-card">
      <div class="card-body">
        <h1>Welcome to Previewarr</h1>
        <p class="muted">Create the administrator account. You will use it to sign in to this page.</p>
        <form method="post" action="/setup" class="stacked-form">
          <input type="hidden" name="_csrf" value={formToken} />
          <FormMessage error={errors['_form']} />
          <TextField name="username" label="User name" value={values.username} autocomplete="username" required error={errors['username']} />
          <TextField name="password" label="Password" type="password" autocomplete="new-password" required error={errors['password']} hint={errors['password'] ? undefined : 'At least 10 characters.'} />
          <TextField name="confirm" label="Repeat the password" type="password" autocomplete="new-password" required error={errors['confirm']} />
          <button type="submit" class="button primary">
            Create account
          </button>
        </form>
      </div>
    </section>
  </BareLayout>
);

export const LoginPage: FC<FormProps & { next: string; message?: string | undefined }> = ({ assets, formToken, next, values = {}, errors = {}, message }) => (
  <BareLayout title="Sign in" assets={assets}>
    <section class="card bare-card">
      <div class="card-body">
        <h1>Sign in</h1>
        <form method="post" action="/login" class="stacked-form">
          <input type="hidden" name="_csrf" value={formToken} />
          <input type="hidden" name="next" value={next} />
          <FormMessage error={errors['_form']} saved={message} />
          <TextField name="username" label="User name" value={values.username} autocomplete="username" required error={errors['username']} />
          <TextField name="password" label="Password" type="password" autocomplete="current-password" required error={errors['password']} />
          <button type="submit" class="button primary">
            Sign in
          </button>
        </form>
      </div>
    </section>
  </BareLayout>
);

/** A full page for errors outside htmx (bad CSRF token on a plain form, unknown item). */
export const ErrorPage: FC<{ assets: Chrome['assets']; status: number; message: string }> = ({ assets, status, message }) => (
  <BareLayout title={`Error ${status}`} assets={assets}>
    <section class="card bare-card">
      <div class="card-body">
        <h1>{status === 403 ? 'Not allowed' : status === 404 ? 'Not found' : 'Something went wrong'}</h1>
        <p>{message}</p>
        <p>
          <a href="/" class="button">
            Back to the dashboard
          </a>
        </p>
      </div>
    </section>
  </BareLayout>
);
