/// The status page's script: applies /events messages to the table (state, description,
/// which buttons show, CPU and memory with their charts and the groups' totals), counts
/// uptimes locally between events, sorts and filters the table, and sends button presses
/// with fetch so the page stays put. Everything from the daemon goes in as text, never HTML.
enum StatusScript {
    static let text = #"""
    "use strict";
    (() => {
      const rows = new Map();
      for (const tr of document.querySelectorAll("tr[data-namespec]")) rows.set(tr.dataset.namespec, tr);
      const message = document.getElementById("message");
      const live = document.getElementById("live");
      const running = new Map(); // namespec -> {pid, start}, for the uptime clock
      let clockOffset = 0; // daemon time minus this browser's time, seconds

      // Which buttons a state offers; StatusPage.swift (ProcessRow.offers) renders the same.
      const offers = {
        start: (s) => s === "STOPPED" || s === "EXITED" || s === "FATAL",
        stop: (s) => s === "RUNNING",
        restart: (s) => s === "RUNNING",
        clearlog: () => true,
      };

      // Python's str(timedelta), as the daemon writes uptimes.
      function uptime(seconds) {
        seconds = Math.max(0, Math.floor(seconds));
        const days = Math.floor(seconds / 86400), rest = seconds % 86400;
        const two = (n) => String(n).padStart(2, "0");
        const clock = Math.floor(rest / 3600) + ":" + two(Math.floor(rest % 3600 / 60)) + ":" + two(rest % 60);
        return days ? days + (days === 1 ? " day, " : " days, ") + clock : clock;
      }

      function apply(p) {
        const tr = rows.get(p.namespec);
        if (!tr) { location.reload(); return; }
        const badge = tr.querySelector(".state .badge");
        badge.textContent = p.statename;
        badge.className = "badge " + p.stateclass;
        tr.dataset.state = p.statename;
        const description = tr.querySelector(".description");
        description.textContent = p.description;
        description.classList.toggle("unhealthy", p.unhealthy);
        for (const button of tr.querySelectorAll("button[name=action]")) {
          button.hidden = !offers[button.value](p.statename);
        }
        if (p.statename === "RUNNING") running.set(p.namespec, p); else running.delete(p.namespec);
        // Without a child there is nothing to measure: no figures until the next reading.
        if (p.statename === "STOPPED" || p.statename === "EXITED" || p.statename === "FATAL") {
          tr.dataset.cpu = tr.dataset.memory = "";
          for (const figure of tr.querySelectorAll(".figure")) figure.textContent = "–";
          showTotals();
        }
        if (sort && sort.key === "state" || filters.state.value) arrange();
      }

      function tick() {
        const now = Date.now() / 1000 + clockOffset;
        for (const [namespec, p] of running) {
          const cell = rows.get(namespec).querySelector(".description");
          cell.textContent = "pid " + p.pid + ", uptime " + uptime(now - p.start) + p.detail;
        }
      }
      setInterval(tick, 1000);

      function say(text, ok) {
        message.textContent = text;
        message.classList.toggle("error", !ok);
        message.hidden = false;
      }

      // CPU and memory: the readings of the last ten minutes per process, charted by time
      // (the daemon's clock) so that the line moves left as readings come in.
      const CHART_SECONDS = 600;
      const SVG = "http://www.w3.org/2000/svg";
      const usage = new Map(); // namespec -> [[time, cpu %, rss bytes], ...], oldest first
      let lastTime = 0;
      const namespecOf = (p) => p.group === p.name ? p.name : p.group + ":" + p.name;

      function mebibytes(bytes) {
        const mib = bytes / 1048576;
        return mib >= 1024 ? (mib / 1024).toFixed(1) + " GiB" : mib.toFixed(1) + " MiB";
      }

      // A path through the readings; a missing reading (no child then) or a gap in the
      // sampling (nobody watched) breaks the line.
      function chart(cell, samples, index, top) {
        let svg = cell.querySelector("svg");
        if (!svg) {
          svg = document.createElementNS(SVG, "svg");
          svg.setAttribute("class", "spark");
          svg.setAttribute("viewBox", "0 0 100 24");
          svg.setAttribute("preserveAspectRatio", "none");
          svg.appendChild(document.createElementNS(SVG, "path"));
          cell.appendChild(svg);
        }
        // The last ten minutes at most; a page just opened shows the first minute across.
        const span = samples.length ? Math.min(CHART_SECONDS, Math.max(60, lastTime - samples[0][0])) : CHART_SECONDS;
        let d = "", previous = null;
        for (const sample of samples) {
          const value = sample[index];
          if (value === null) { previous = null; continue; }
          const x = (100 - (lastTime - sample[0]) / span * 100).toFixed(2);
          const y = (23 - Math.min(value / top, 1) * 22).toFixed(2);
          d += (previous === null || sample[0] - previous > 5 ? "M" : "L") + x + " " + y + " ";
          previous = sample[0];
        }
        svg.firstChild.setAttribute("d", d.trim());
      }

      function showUsage(namespec) {
        const tr = rows.get(namespec), samples = usage.get(namespec) || [];
        if (!tr) return;
        const last = samples.length ? samples[samples.length - 1] : [0, null, null];
        const fresh = last[0] === lastTime;
        tr.dataset.cpu = fresh && last[1] !== null ? last[1] : "";
        tr.dataset.memory = fresh && last[2] !== null ? last[2] : "";
        const cpuCell = tr.querySelector("td.cpu"), memoryCell = tr.querySelector("td.memory");
        cpuCell.querySelector(".figure").textContent = tr.dataset.cpu === "" ? "–" : Number(tr.dataset.cpu).toFixed(1) + "%";
        memoryCell.querySelector(".figure").textContent = tr.dataset.memory === "" ? "–" : mebibytes(Number(tr.dataset.memory));
        // Scaled to the peak (CPU to 10 % at least, so that idle noise stays flat).
        const peakCPU = Math.max(10, ...samples.map((s) => s[1] || 0)) * 1.25;
        const peakMemory = Math.max(1, ...samples.map((s) => s[2] || 0)) * 1.25;
        chart(cpuCell, samples, 1, peakCPU);
        chart(memoryCell, samples, 2, peakMemory);
      }

      // The sums over a group's processes, in its heading row.
      function showTotals() {
        for (const heading of document.querySelectorAll("#processes tr.group")) {
          let cpu = 0, memory = 0, any = false;
          for (const tr of heading.parentElement.querySelectorAll("tr[data-namespec]")) {
            if (tr.dataset.cpu) { cpu += Number(tr.dataset.cpu); any = true; }
            if (tr.dataset.memory) { memory += Number(tr.dataset.memory); any = true; }
          }
          heading.querySelector("td.cpu").textContent = any ? cpu.toFixed(1) + "%" : "";
          heading.querySelector("td.memory").textContent = any ? mebibytes(memory) : "";
        }
      }

      function record(report) {
        lastTime = report.time;
        for (const p of report.processes) {
          const namespec = namespecOf(p);
          const samples = usage.get(namespec) || [];
          samples.push([report.time, p.cpu_percent, p.rss_bytes]);
          while (samples.length && samples[0][0] < report.time - CHART_SECONDS) samples.shift();
          usage.set(namespec, samples);
        }
        for (const namespec of rows.keys()) showUsage(namespec);
        showTotals();
        arrange();
      }

      // Sorting (by a column head; figures biggest first) and filtering. Groups stay
      // together: their processes are sorted within them, and the groups by their totals
      // (or first name, or first state).
      const table = document.getElementById("processes");
      const filters = {
        name: document.getElementById("filter-name"),
        state: document.getElementById("filter-state"),
        cpu: document.getElementById("filter-cpu"),
        memory: document.getElementById("filter-memory"),
      };
      let sort = null; // {key, descending}
      const figure = (tr, key) => tr.dataset[key] === "" || tr.dataset[key] === undefined ? -1 : Number(tr.dataset[key]);
      const sortValue = {
        name: (tr) => tr.dataset.namespec,
        state: (tr) => tr.querySelector(".state .badge").textContent,
        cpu: (tr) => figure(tr, "cpu"),
        memory: (tr) => figure(tr, "memory"),
      };
      function compare(a, b) {
        const order = a < b ? -1 : a > b ? 1 : 0;
        return sort.descending ? -order : order;
      }

      function arrange() {
        const bodies = [...table.tBodies];
        if (sort) {
          const keyOf = new Map();
          for (const body of bodies) {
            const members = [...body.querySelectorAll("tr[data-namespec]")];
            members.sort((a, b) => compare(sortValue[sort.key](a), sortValue[sort.key](b)));
            for (const tr of members) body.appendChild(tr);
            const numeric = sort.key === "cpu" || sort.key === "memory";
            keyOf.set(body, numeric ? members.reduce((sum, tr) => sum + Math.max(0, sortValue[sort.key](tr)), 0)
                                    : sortValue[sort.key](members[0]));
          }
          bodies.sort((a, b) => compare(keyOf.get(a), keyOf.get(b)));
          for (const body of bodies) table.appendChild(body);
        }
        const name = filters.name.value.trim().toLowerCase(), state = filters.state.value;
        const minCPU = Number(filters.cpu.value) || 0, minMemory = (Number(filters.memory.value) || 0) * 1048576;
        for (const body of bodies) {
          let shown = 0;
          for (const tr of body.querySelectorAll("tr[data-namespec]")) {
            tr.hidden = !(tr.dataset.namespec.toLowerCase().includes(name)
              && (!state || sortValue.state(tr) === state)
              && (!minCPU || figure(tr, "cpu") >= minCPU)
              && (!minMemory || figure(tr, "memory") >= minMemory));
            if (!tr.hidden) shown++;
          }
          const heading = body.querySelector("tr.group");
          if (heading) heading.hidden = shown === 0;
        }
      }

      for (const th of table.querySelectorAll("th[data-sort]")) {
        th.tabIndex = 0;
        const choose = () => {
          const key = th.dataset.sort;
          const numeric = key === "cpu" || key === "memory";
          sort = sort && sort.key === key ? {key, descending: !sort.descending} : {key, descending: numeric};
          for (const other of table.querySelectorAll("th[data-sort]")) other.setAttribute("aria-sort", "none");
          th.setAttribute("aria-sort", sort.descending ? "descending" : "ascending");
          arrange();
        };
        th.addEventListener("click", choose);
        th.addEventListener("keydown", (e) => { if (e.key === "Enter" || e.key === " ") { e.preventDefault(); choose(); } });
      }
      for (const input of Object.values(filters)) {
        input.addEventListener("input", arrange);
        input.addEventListener("change", arrange);
      }
      document.getElementById("filters").addEventListener("submit", (e) => e.preventDefault());

      let events = null;
      function connect() {
        // As a resource watcher: the daemon samples CPU and memory while this is open.
        events = new EventSource("/events?resources=1");
        events.onopen = () => { live.textContent = "live"; live.className = "live on"; };
        events.onerror = () => { live.textContent = "reconnecting"; live.className = "live off"; };
        events.addEventListener("process", (e) => {
          const p = JSON.parse(e.data);
          clockOffset = p.now - Date.now() / 1000;
          apply(p);
        });
        events.addEventListener("history", (e) => {
          for (const p of JSON.parse(e.data).processes) usage.set(namespecOf(p), p.samples);
        });
        events.addEventListener("resources", (e) => record(JSON.parse(e.data)));
        events.addEventListener("groups", () => location.reload());
        events.addEventListener("supervisor", (e) => {
          const state = JSON.parse(e.data).statename;
          if (state !== "RUNNING") say("supervisord is " + state.toLowerCase(), false);
        });
      }
      connect();
      // A page left for another (even one the browser keeps to come back to) watches no more.
      window.addEventListener("pagehide", () => events.close());
      window.addEventListener("pageshow", (e) => { if (e.persisted) connect(); });

      // Button presses without leaving the page; the table follows from /events.
      document.addEventListener("submit", async (e) => {
        const form = e.target;
        if (!(form instanceof HTMLFormElement) || form.getAttribute("action") !== "/action") return;
        e.preventDefault();
        const body = new URLSearchParams(new FormData(form, e.submitter));
        const buttons = form.querySelectorAll("button");
        for (const b of buttons) b.disabled = true;
        try {
          const response = await fetch("/action", { method: "POST", body, headers: { Accept: "application/json" } });
          if (response.status === 403) say("This page is out of date (supervisord restarted?): reload it.", false);
          else if (!response.ok) say("Request failed: HTTP " + response.status, false);
          else { const result = await response.json(); say(result.message, result.ok); }
        } catch (err) {
          say("Request failed: " + err.message, false);
        } finally {
          for (const b of buttons) b.disabled = false;
        }
      });
    })();
    """#
}
