// Progressive enhancement only: every page works without JavaScript.
import { initAll } from "./govuk-frontend.min.js";
import { initAll as initMoj } from "./moj-frontend.min.js";

initAll();
initMoj();

// An import in the background: read the page again every few seconds and show how far it has
// got in place (the region is aria-live). Without JavaScript, the page has a link to do so.
for (const region of document.querySelectorAll("[data-module='app-import-progress']")) {
  const seconds = Number(region.dataset.pollSeconds || "2");
  const poll = async () => {
    let page;
    try {
      const answer = await fetch(window.location.href, { headers: { Accept: "text/html" } });
      page = new DOMParser().parseFromString(await answer.text(), "text/html");
    } catch {
      window.setTimeout(poll, seconds * 4000);
      return;
    }
    const fresh = page.querySelector("[data-module='app-import-progress']");
    if (fresh && fresh.dataset.state === region.dataset.state && fresh.dataset.state !== "stopped") {
      region.innerHTML = fresh.innerHTML;
      window.setTimeout(poll, seconds * 1000);
    } else {
      // finished, refused or stopped: the page has something new to say
      window.location.reload();
    }
  };
  window.setTimeout(poll, seconds * 1000);
}
