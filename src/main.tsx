import { createRoot } from 'react-dom/client';

function Placeholder() {
  return <main><h1>Kafka Reliability Lab</h1><p>The engine runs headless for now: <code>npm run sim -- public/scenarios/acks1-failover.json</code>.</p></main>;
}

createRoot(document.getElementById('root')!).render(<Placeholder />);
