// taskbook's only script of its own, served from static files so that the Content-Security-Policy
// can refuse every inline script: a link marked data-print prints the page.
document.addEventListener("click", (event) => {
  const link = event.target.closest("[data-print]");
  if (link) {
    event.preventDefault();
    window.print();
  }
});
