/// The log page's script: streams /logfollow from the byte where the page's text ends,
/// appends it as text, and reconnects (from the last byte received) when the stream drops.
enum TailScript {
    static let text = #"""
    "use strict";
    (() => {
      const log = document.getElementById("log");
      const live = document.getElementById("live");
      const autoscroll = document.getElementById("autoscroll");
      const keepChars = 1 << 20; // a page left open for days still holds only the last MiB
      let offset = Number(log.dataset.offset);

      function append(text) {
        if (!text) return;
        log.append(text);
        if (log.textContent.length > keepChars) log.textContent = log.textContent.slice(-keepChars / 2);
        if (autoscroll.checked) log.scrollTop = log.scrollHeight;
      }

      function status(text, on) { live.textContent = text; live.className = "live " + (on ? "on" : "off"); }

      async function follow() {
        for (;;) {
          try {
            const response = await fetch(log.dataset.follow + "&offset=" + offset);
            if (!response.ok) throw new Error("HTTP " + response.status);
            status("following", true);
            const reader = response.body.getReader();
            const decoder = new TextDecoder();
            for (;;) {
              const { value, done } = await reader.read();
              if (done) break;
              offset += value.length;
              append(decoder.decode(value, { stream: true }));
            }
          } catch (err) {
            // the daemon went away or restarted: retry below
          }
          status("reconnecting", false);
          await new Promise((resolve) => setTimeout(resolve, 2000));
        }
      }
      if (autoscroll.checked) log.scrollTop = log.scrollHeight;
      follow();
    })();
    """#
}
