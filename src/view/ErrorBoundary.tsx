/** Never a blank page: a render error shows what broke and a way back. */
import { Component, type ReactNode } from 'react';
import { translate, type Lang } from '../i18n/index.ts';

export class ErrorBoundary extends Component<{ lang?: Lang; onReset?: () => void; children: ReactNode }, { error: Error | null }> {
  override state = { error: null as Error | null };

  static getDerivedStateFromError(error: Error) {
    return { error };
  }

  override render() {
    const { error } = this.state;
    if (!error) return this.props.children;
    const lang = this.props.lang ?? 'en';
    return (
      <div className="crash" role="alert">
        <p>{translate(lang, 'error.crash')}</p>
        <pre>{error.message}</pre>
        <button
          type="button"
          className="btn primary"
          onClick={() => {
            this.setState({ error: null });
            this.props.onReset?.();
          }}
        >
          {translate(lang, 'error.reload')}
        </button>
      </div>
    );
  }
}
