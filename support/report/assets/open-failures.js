// Added to each feature page by kubeflow-bdd: gives every scenario an anchor the
// dashboard's list of failures links to, and opens the failed scenarios and their
// errors, so the reason and the evidence are on screen without a click.
(function () {
  var scenarios = Array.prototype.filter.call(document.querySelectorAll('.x_panel'), function (panel) {
    return panel.querySelector('.scenario-step-container');
  });
  scenarios.forEach(function (panel, index) {
    panel.id = 'kfbdd-scenario-' + index;
    if (!panel.querySelector('.x_title .failed-background, .x_title .ambiguous-background, .x_title .not-defined-background')) return;
    panel.classList.add('kfbdd-open');
    panel.querySelector('.x_content').style.display = 'block';
    var chevron = panel.querySelector('.collapse-link i');
    if (chevron) chevron.classList.replace('fa-chevron-down', 'fa-chevron-up');
    panel.querySelectorAll('[id$="-error"].collapse').forEach(function (error) {
      error.classList.add('show');
    });
  });
  // The reporter lays out its charts and tables once the page has loaded: scroll after that.
  window.addEventListener('load', function () {
    var target = location.hash && document.getElementById(location.hash.slice(1));
    if (target) setTimeout(function () { target.scrollIntoView(); }, 0);
  });
})();
