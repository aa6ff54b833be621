// Bootstraps GraphiQL for package graphiql. It is served as a file so that
// the page needs no inline script and its CSP can keep script-src 'self'.
(function () {
  "use strict";

  var root = document.getElementById("graphiql");
  if (typeof React === "undefined" || typeof ReactDOM === "undefined" ||
      typeof GraphiQL === "undefined") {
    root.textContent = "GraphiQL failed to load its scripts.";
    return;
  }

  // Queries and mutations go over HTTP POST to the endpoint; subscriptions
  // use the graphql-ws protocol (bundled in graphiql.min.js) on the same
  // path, with ws: or wss: matching the page's scheme.
  var url = new URL(root.getAttribute("data-endpoint"), window.location.href);
  var subscriptionUrl = new URL(url.href);
  subscriptionUrl.protocol = url.protocol === "https:" ? "wss:" : "ws:";

  var fetcher = GraphiQL.createFetcher({
    url: url.href,
    subscriptionUrl: subscriptionUrl.href,
  });

  root.textContent = "";
  ReactDOM.createRoot(root).render(
    React.createElement(GraphiQL, {
      fetcher: fetcher,
      // The headers editor is where users put
      // {"Authorization": "Bearer <token>"}; it is kept in localStorage.
      headerEditorEnabled: true,
      shouldPersistHeaders: true,
    })
  );
})();
