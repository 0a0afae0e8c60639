// The console's outbox: every SMS and notice with its state, phones masked. Where no SMS provider
// is configured (the outbox gateway), staff relay sign-in codes from here, so the texts are shown;
// behind a real provider a sign-in code's digits are hidden.
#pragma once

#include <string>

#include "api/console/console_routes.h"
#include "domain/messages/message_sender.h"
#include "domain/messages/message_service.h"

namespace yz {

struct OutboxRouteContext {
  MessageService& messages;
  const MessageSender& sender;
};

void AddOutboxRoutes(ConsoleRoutes& routes, const OutboxRouteContext& context);

}  // namespace yz
