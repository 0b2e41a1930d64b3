// The certificate view: the chain the server sent, a summary of each certificate, and the
// client's verification result per depth with the reason when one fails.
#pragma once

#include "app/views/view.hpp"

namespace hl::app {

class CertificateView : public View {
 public:
  CertificateView() : View("Certs", Slot::side, false) {}

 protected:
  void drawContent(ViewContext& context) override;
};

}  // namespace hl::app
