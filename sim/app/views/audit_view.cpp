#include "app/views/audit_view.hpp"

#include <imgui.h>

#include <string>

#include "app/ui/theme.hpp"
#include "app/ui/widgets.hpp"
#include "core/audit/scenario_audit.hpp"

namespace hl::app {
namespace {

ImU32 severity_colour(audit::Severity severity) {
  const auto& colours = ui::palette();
  return severity >= audit::Severity::high ? colours.bad : colours.text;
}

void draw_finding(const audit::Finding& finding) {
  ui::heading_text("[" + std::string(audit::severity_name(finding.severity)) + "] " + finding.id, severity_colour(finding.severity));
  ImGui::Indent();
  ui::wrapped_text(finding.rule.c_str(), ui::palette().dim_text);
  const audit::Evidence& e = finding.evidence;
  std::string where = "run " + e.run + ", step " + std::to_string(e.step);
  if (e.length > 0)
    where += ", " + std::string(e.in_plaintext ? "plaintext" : "bytes") + " " + std::to_string(e.offset) + ".." +
             std::to_string(e.offset + e.length - 1);
  ui::wrapped_text(where.c_str(), ui::palette().text);
  ui::wrapped_text(e.text.c_str(), ui::palette().text);
  ImGui::Unindent();
  ImGui::Spacing();
}

}  // namespace

void AuditView::drawContent(ViewContext& context) {
  const std::uint64_t serial = context.session.run_serial();
  if (serial == 0) return ImGui::TextDisabled("no run yet");
  if (graded_run_ != serial) {
    report_ = context.scenario.mode == PortMode::plaintext ? audit::AuditReport{} : audit::audit_scenario(context.scenario);
    graded_run_ = serial;
  }
  if (context.scenario.mode == PortMode::plaintext)
    return ui::wrapped_text("This lesson runs without TLS: there is no server setup to grade. Open lesson audit.",
                            ui::palette().dim_text);
  ui::heading_text("Grade " + std::string(1, report_.grade), report_.grade == 'A' ? ui::palette().ok : ui::palette().bad);
  ImGui::SameLine();
  ui::help_marker("F if any finding is critical, D if the worst is high, C medium, B low, A none. The lab runs the "
                  "Scenario panel's server against a standard client and a few probes (lesson audit); "
                  "`handshake-lab audit --lesson ID` prints the same report.");
  if (report_.findings.empty()) ui::wrapped_text("No findings.", ui::palette().ok);
  for (const audit::Finding& finding : report_.findings) draw_finding(finding);
  for (const std::string& line : report_.not_graded) ui::wrapped_text(line.c_str(), ui::palette().dim_text);
}

}  // namespace hl::app
