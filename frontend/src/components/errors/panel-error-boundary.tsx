import { Alert, AlertTitle, Button } from '@mui/material';
import { Component, type ErrorInfo, type ReactNode } from 'react';

interface State {
  error: Error | null;
}

/** Keeps a failing panel (a chart, a table) from blanking the whole page. */
export class PanelErrorBoundary extends Component<{ children: ReactNode; title?: string }, State> {
  override state: State = { error: null };

  static getDerivedStateFromError(error: Error): State {
    return { error };
  }

  override componentDidCatch(error: Error, info: ErrorInfo) {
    console.error('panel failed', error, info.componentStack);
  }

  override render() {
    if (this.state.error) {
      return (
        <Alert
          severity="error"
          action={
            <Button color="inherit" size="small" onClick={() => this.setState({ error: null })}>
              Retry
            </Button>
          }
        >
          <AlertTitle>{this.props.title ?? 'This panel failed to render'}</AlertTitle>
          {this.state.error.message}
        </Alert>
      );
    }
    return this.props.children;
  }
}
