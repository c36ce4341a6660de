// Turn an edition's start page into the whole edition, ready to print as one PDF
// (scripts/build_pdf.py runs this in Chromium). Every page is fetched from the
// built site and its article taken as it is: the same outputs, figures and
// formulas a reader sees. Ids get the page's name as a prefix, so that links
// between chapters become links inside the PDF; other links to the site point
// at its published address.
async ({ pages, cover, contentsTitle, siteUrl }) => {
  const here = new URL(document.baseURI);
  const slugs = new Set(pages.map((page) => page.slug));
  const container = document.createElement("main");
  container.className = "pdf-book";

  const pageOf = (url) => url.pathname.split("/").pop().replace(/\.html$/, "");

  // Cover: the book's title, what it is, and the facts of this printing.
  const coverNode = document.createElement("section");
  coverNode.className = "pdf-cover";
  const title = document.createElement("p");
  title.className = "pdf-cover-title";
  title.textContent = cover.title;
  const subtitle = document.createElement("p");
  subtitle.className = "pdf-cover-subtitle";
  subtitle.textContent = cover.subtitle;
  coverNode.append(title, subtitle);
  for (const fact of cover.facts) {
    const line = document.createElement("p");
    line.className = "pdf-cover-facts";
    line.textContent = fact;
    coverNode.append(line);
  }
  container.append(coverNode);

  // Contents: a line per page; build_pdf.py fills in the page numbers.
  const contents = document.createElement("nav");
  contents.className = "pdf-contents";
  const heading = document.createElement("h1");
  heading.textContent = contentsTitle;
  const list = document.createElement("ol");
  contents.append(heading, list);
  container.append(contents);

  const sheets = new Set(
    [...document.querySelectorAll('link[rel="stylesheet"]')].map((link) => link.href),
  );
  for (const page of pages) {
    const response = await fetch(new URL(`${page.slug}.html`, here));
    if (!response.ok) throw new Error(`${page.slug}.html: HTTP ${response.status}`);
    const doc = new DOMParser().parseFromString(await response.text(), "text/html");
    // Stylesheets a page needs that the start page does not load.
    for (const link of doc.querySelectorAll('link[rel="stylesheet"]')) {
      const href = new URL(link.getAttribute("href"), here).href;
      if (!sheets.has(href)) {
        sheets.add(href);
        const copy = document.createElement("link");
        copy.rel = "stylesheet";
        copy.href = href;
        if (link.media) copy.media = link.media;
        document.head.append(copy);
      }
    }
    const body =
      doc.querySelector("article.bd-article [data-pagefind-body]") ||
      doc.querySelector("article.bd-article");
    if (!body) throw new Error(`${page.slug}.html: no article`);
    body
      .querySelectorAll(".book-links, .book-report, .headerlink, script")
      .forEach((node) => node.remove());
    for (const node of body.querySelectorAll("[id]")) {
      node.id = `${page.slug}--${node.id}`;
    }
    for (const link of body.querySelectorAll("a[href]")) {
      const raw = link.getAttribute("href");
      if (raw.startsWith("#")) {
        link.setAttribute("href", `#${page.slug}--${raw.slice(1)}`);
        continue;
      }
      const url = new URL(raw, new URL(`${page.slug}.html`, here));
      const target = pageOf(url);
      const sameFolder = url.origin === here.origin &&
        url.pathname.replace(/[^/]*$/, "") === here.pathname.replace(/[^/]*$/, "");
      if (sameFolder && slugs.has(target)) {
        link.setAttribute("href", url.hash ? `#${target}--${url.hash.slice(1)}` : `#${target}`);
      } else if (url.origin === here.origin) {
        // Elsewhere on the book's site: the published address, not this server.
        link.setAttribute("href", siteUrl + url.pathname.slice(1) + url.search + url.hash);
      } else {
        link.setAttribute("href", url.href);
      }
    }
    for (const image of body.querySelectorAll("img")) {
      image.loading = "eager";
      image.src = new URL(image.getAttribute("src"), here).href;
    }
    const chapter = document.createElement("section");
    chapter.className = "pdf-chapter";
    chapter.id = page.slug;
    if (page.kicker) {
      const kicker = document.createElement("p");
      kicker.className = "pdf-kicker";
      kicker.textContent = page.kicker;
      chapter.append(kicker);
    }
    chapter.append(...[...body.childNodes].map((node) => document.importNode(node, true)));
    container.append(chapter);

    const h1 = chapter.querySelector("h1");
    const item = document.createElement("li");
    const entry = document.createElement("a");
    entry.className = "pdf-contents-title";
    entry.href = `#${page.slug}`;
    entry.textContent = [page.kicker, h1 ? h1.textContent.trim() : page.slug]
      .filter(Boolean)
      .join("  ");
    const leader = document.createElement("span");
    leader.className = "pdf-contents-leader";
    const number = document.createElement("span");
    number.className = "pdf-contents-page";
    number.dataset.slug = page.slug;
    item.append(entry, leader, number);
    list.append(item);
  }

  document.body.replaceChildren(container);
  document.title = cover.title; // the PDF's title
  document.documentElement.classList.add("pdf-print");
  await Promise.all(
    [...document.images].map((image) =>
      image.complete ? null : new Promise((done) => {
        image.onload = done;
        image.onerror = done;
      }),
    ),
  );
  await document.fonts.ready;
  return [...list.querySelectorAll(".pdf-contents-title")].map((a) => a.textContent);
};
