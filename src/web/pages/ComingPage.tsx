/** A section whose capability is being built; says what it will hold. */
export function ComingPage({ title, text }: { title: string; text: string }) {
  return (
    <section>
      <h1>{title}</h1>
      <p className="card muted">{text}</p>
    </section>
  )
}
