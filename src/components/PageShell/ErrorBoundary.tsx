// Catches a render crash inside a page so the person sees a way out instead of a blank screen.
import { Component, type ReactNode } from 'react'

export interface ErrorBoundaryProps {
  children: ReactNode
  fallback: (reset: () => void) => ReactNode
}

interface State {
  crashed: boolean
}

export default class ErrorBoundary extends Component<ErrorBoundaryProps, State> {
  state: State = { crashed: false }

  static getDerivedStateFromError(): State {
    return { crashed: true }
  }

  componentDidCatch(error: unknown) {
    console.error('[PageShell] page crashed', error)
  }

  reset = () => this.setState({ crashed: false })

  render() {
    return this.state.crashed ? this.props.fallback(this.reset) : this.props.children
  }
}
