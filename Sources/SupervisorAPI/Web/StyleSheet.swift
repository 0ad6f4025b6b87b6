/// The pages' CSS: a table on wide screens, one card per process on narrow ones.
enum StyleSheet {
    static let text = #"""
    :root {
      --bg: #f6f7f9; --fg: #1d2329; --muted: #5f6b76; --line: #dde2e7; --card: #fff;
      --accent: #1f5fa8; --running: #1e7b34; --error: #b3261e; --changing: #9a6700; --stopped: #5f6b76;
      color-scheme: light;
    }
    * { box-sizing: border-box; }
    body { margin: 0; background: var(--bg); color: var(--fg);
      font: 15px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; }
    header { display: flex; flex-wrap: wrap; align-items: baseline; gap: .25rem 1rem;
      padding: .7rem 1rem; background: #1d2329; color: #e9edf1; }
    header a { color: #fff; text-decoration: none; }
    .brand { font-weight: 700; font-size: 1.1rem; }
    #identity { color: #aab4be; font-size: .9rem; }
    header nav { margin-left: auto; display: flex; gap: 1rem; }
    header nav a:hover { text-decoration: underline; }
    main { max-width: 72rem; margin: 0 auto; padding: 1rem; }
    h1 { font-size: 1.3rem; margin: .2rem 0 .8rem; overflow-wrap: anywhere; }
    .toolbar { display: flex; flex-wrap: wrap; align-items: center; gap: .5rem 1rem; margin-bottom: .8rem; }
    .message { margin: 0; padding: .35rem .7rem; border-radius: 4px; background: #e6eef8; flex: 1 1 16rem; }
    .message.error { background: #fbe9e7; color: var(--error); }
    .live { font-size: .85rem; color: var(--muted); }
    .live::before { content: "●"; margin-right: .3rem; }
    .live.on { color: var(--running); }
    .live.off { color: var(--error); }
    .bulk { margin-left: auto; display: flex; gap: .5rem; }
    button, a.button { font: inherit; font-size: .85rem; padding: .25rem .65rem; border-radius: 4px; cursor: pointer;
      border: 1px solid var(--line); background: var(--card); color: var(--accent); text-decoration: none; }
    button:hover, a.button:hover { border-color: var(--accent); }
    button:disabled { opacity: .5; cursor: progress; }
    table { width: 100%; border-collapse: collapse; background: var(--card); border: 1px solid var(--line); }
    th, td { text-align: left; padding: .45rem .7rem; vertical-align: middle; }
    thead th { font-size: .8rem; text-transform: uppercase; letter-spacing: .04em; color: var(--muted);
      border-bottom: 1px solid var(--line); }
    tbody + tbody { border-top: 1px solid var(--line); }
    tr.group th, tr.group td { background: #eef1f4; font-size: .9rem; }
    tr.group ~ tr td.name { padding-left: 1.6rem; }
    td.name { font-weight: 600; overflow-wrap: anywhere; }
    td.description { color: var(--muted); font-variant-numeric: tabular-nums; }
    td.description.unhealthy { color: var(--error); }
    td.actions form { display: inline-flex; flex-wrap: wrap; gap: .35rem; margin-right: .5rem; }
    .tails { font-size: .85rem; white-space: nowrap; color: var(--muted); }
    .tails a { color: var(--accent); margin-left: .3rem; }
    .badge { display: inline-block; min-width: 5.5rem; text-align: center; padding: .1rem .5rem; border-radius: 999px;
      font-size: .78rem; font-weight: 700; letter-spacing: .03em; color: #fff; background: var(--stopped); }
    .badge.running { background: var(--running); }
    .badge.error { background: var(--error); }
    .badge.changing { background: var(--changing); }
    .filters { display: flex; flex-wrap: wrap; gap: .4rem 1rem; margin-bottom: .6rem; }
    .filters input, .filters select { font: inherit; font-size: .85rem; padding: .15rem .35rem;
      border: 1px solid var(--line); border-radius: 4px; background: var(--card); color: var(--fg); }
    .filters input[type=number] { width: 5rem; }
    th[data-sort] { cursor: pointer; user-select: none; white-space: nowrap; }
    th[data-sort]::after { content: "↕"; margin-left: .3rem; opacity: .35; }
    th[aria-sort=ascending]::after { content: "▲"; opacity: 1; }
    th[aria-sort=descending]::after { content: "▼"; opacity: 1; }
    td.cpu, td.memory { white-space: nowrap; font-variant-numeric: tabular-nums; }
    td.cpu .figure, td.memory .figure { display: inline-block; min-width: 4.6rem; }
    td.total { font-weight: 600; }
    svg.spark { width: 6rem; height: 1.5rem; vertical-align: middle; background: #f1f4f7; border-radius: 2px; }
    svg.spark path { fill: none; stroke: var(--accent); stroke-width: 1.5; vector-effect: non-scaling-stroke; }
    td.memory svg.spark path { stroke: var(--running); }
    pre#log { background: #11161b; color: #dfe6ec; padding: .8rem; border-radius: 4px; margin: 0;
      min-height: 12rem; max-height: calc(100vh - 12rem); overflow: auto;
      font: 13px/1.4 ui-monospace, "DejaVu Sans Mono", monospace; white-space: pre-wrap; overflow-wrap: anywhere; }
    label { font-size: .85rem; color: var(--muted); }
    @media (max-width: 700px) {
      main { padding: .6rem; }
      .bulk { margin-left: 0; }
      table, thead, tbody, tr, th, td { display: block; }
      table { border: 0; background: none; }
      thead { display: none; }
      tbody + tbody { border: 0; }
      tr.group th, tr.group td { background: none; padding: .6rem .2rem .2rem; }
      tr[data-namespec] { background: var(--card); border: 1px solid var(--line); border-radius: 6px;
        margin-bottom: .6rem; padding: .4rem .2rem; }
      td { padding: .2rem .6rem; }
      tr.group ~ tr td.name { padding-left: .6rem; }
      td.state, td.description, td.cpu, td.memory { display: inline-block; }
      tr.group td.total { display: inline-block; padding: 0 .4rem; }
      td.actions { padding-top: .4rem; }
      pre#log { max-height: calc(100vh - 14rem); }
    }
    """#
}
