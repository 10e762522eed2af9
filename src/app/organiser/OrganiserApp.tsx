// The organiser's screens: loaded lazily at /organiser so stations never download this code.
export default function OrganiserApp() {
  return (
    <main>
      <h1>Decision Day — organiser</h1>
      <p>Loading the organiser&apos;s screens…</p>
    </main>
  );
}
