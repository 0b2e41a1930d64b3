// Endpoint state: what the client and the server each know after the current step:
// version, suite, group, signature, ALPN, the secrets derived so far, certificate checks.
#pragma once

#include <cstddef>
#include <optional>

#include "app/endpoint_knowledge.hpp"
#include "app/views/view.hpp"

namespace hl::app {

class EndpointView : public View {
 public:
  EndpointView() : View("Endpoints", Slot::side, false) {}

 protected:
  void drawContent(ViewContext& context) override;

 private:
  // Recomputed when the step changes, not per frame.
  std::optional<StepKey> knowledge_key_;
  Knowledge knowledge_;
};

}  // namespace hl::app
