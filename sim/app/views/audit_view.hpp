// The audit pane (read-only): the grade of the Scenario panel's server against RFC 9325 and
// the web rules (hl::audit::audit_scenario), each finding with its rule and the run, step and
// bytes that prove it. Graded again whenever a new run arrives.
#pragma once

#include <cstdint>
#include <optional>

#include "app/views/view.hpp"
#include "core/audit/audit.hpp"

namespace hl::app {

class AuditView : public View {
 public:
  AuditView() : View("Audit", Slot::side, false) {}
  /// The report last drawn, or nullptr before the pane was first shown (tests read it).
  const audit::AuditReport* report() const { return graded_run_ ? &report_ : nullptr; }

 protected:
  void drawContent(ViewContext& context) override;

 private:
  std::optional<std::uint64_t> graded_run_;  // Transcript::serial of the run the report was made for
  audit::AuditReport report_;
};

}  // namespace hl::app
