// The handler types shared by the server (server.h) and the route table (router.h).
//
// Handlers are asynchronous: a handler receives the request and a `respond` callback and may call
// it later, from any thread (a durable check-in waits for the group-commit writer, which completes
// many requests at once; blocking a server thread per request would cap the batch at the thread
// count). Contract of `respond`, as the server provides it:
//   - the first call sends the answer; later calls do nothing;
//   - it may be called from any thread, at any time, also after the connection has died or the
//     server has stopped or been destroyed: it then does nothing;
//   - if every copy of it is destroyed without a call, the client gets 500 "internal";
//   - it never blocks on network I/O (the answer is posted to the connection's own executor).
// A handler that throws before responding gets the client a 500 "internal".
#pragma once

#include <functional>

#include "http/message.h"

namespace yz {

using HttpRespond = std::function<void(HttpResponse&&)>;
using HttpHandler = std::function<void(HttpRequest&& request, HttpRespond respond)>;

// A handler that computes its answer on the calling server thread.
using SyncHttpHandler = std::function<HttpResponse(const HttpRequest& request)>;

// Wraps a synchronous handler: calls it and responds at once with what it returns.
inline HttpHandler MakeHttpHandler(SyncHttpHandler handler) {
  return [handler = std::move(handler)](HttpRequest&& request, HttpRespond respond) {
    respond(handler(request));
  };
}

}  // namespace yz
