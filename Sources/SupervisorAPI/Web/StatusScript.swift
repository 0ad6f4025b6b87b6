/// The status page's script: applies /events messages to the table (state, description,
/// which buttons show), counts uptimes locally between events, and sends button presses
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

      function connect() {
        const events = new EventSource("/events");
        events.onopen = () => { live.textContent = "live"; live.className = "live on"; };
        events.onerror = () => { live.textContent = "reconnecting"; live.className = "live off"; };
        events.addEventListener("process", (e) => {
          const p = JSON.parse(e.data);
          clockOffset = p.now - Date.now() / 1000;
          apply(p);
        });
        events.addEventListener("groups", () => location.reload());
        events.addEventListener("supervisor", (e) => {
          const state = JSON.parse(e.data).statename;
          if (state !== "RUNNING") say("supervisord is " + state.toLowerCase(), false);
        });
      }
      connect();

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
