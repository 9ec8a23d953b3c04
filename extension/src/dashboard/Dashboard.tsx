// Coordinator dashboard: filled in against the server's coordinator routes.
export function Dashboard() {
  return (
    <main>
      <h1>Peerpost dashboard</h1>
    </main>
  );
}
