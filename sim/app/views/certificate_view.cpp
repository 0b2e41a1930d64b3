#include "app/views/certificate_view.hpp"

#include <ctime>
#include <string>

#include <imgui.h>

#include "app/ui/fonts.hpp"
#include "app/ui/theme.hpp"
#include "app/ui/widgets.hpp"
#include "core/engine/names.hpp"

namespace hl::app {
namespace {

// The check `checker` made of the certificate at depth (the client checks the server's chain,
// the server a client's in mutual TLS), if it has happened by current_index.
const VerifyResult* check_at_depth(const Transcript& transcript, Side checker, int depth, std::size_t current_index) {
  const VerifyResult* found = nullptr;
  for (std::size_t i = 0; i < transcript.steps.size() && i <= current_index; ++i) {
    if (transcript.steps[i].from != checker) continue;
    for (const EventPart& part : transcript.steps[i].parts)
      if (part.kind == EventKind::verify && part.verify.depth == depth) found = &part.verify;  // the last check is the verdict
  }
  return found;
}

void draw_verdict(const VerifyResult* check) {
  const auto& colours = ui::palette();
  if (check == nullptr) {
    ImGui::TextDisabled("not checked yet");
    return;
  }
  ImGui::PushStyleColor(ImGuiCol_Text, check->ok ? colours.ok : colours.bad);
  if (check->ok) {
    ImGui::TextUnformatted("\xe2\x9c\x93 verified");
  } else {
    ImGui::TextWrapped("\xe2\x9c\x97 %s (X509 error %d, %s)", check->error_text.c_str(), check->error,
                       check->error_name.c_str());
  }
  ImGui::PopStyleColor();
}

void summary_row(const char* label, const std::string& value) {
  if (value.empty()) return;
  ImGui::TableNextRow();
  ImGui::TableSetColumnIndex(0);
  ImGui::TextDisabled("%s", label);
  ImGui::TableSetColumnIndex(1);
  ImGui::TextWrapped("%s", value.c_str());
}

std::string joined(const std::vector<std::string>& parts) {
  std::string text;
  for (const auto& part : parts) text += (text.empty() ? "" : ", ") + part;
  return text;
}

void draw_summary(const wire::CertSummary& cert) {
  constexpr ImGuiTableFlags flags = ImGuiTableFlags_SizingStretchProp | ImGuiTableFlags_NoSavedSettings;
  if (!ImGui::BeginTable("##summary", 2, flags)) return;
  ImGui::TableSetupColumn("k", ImGuiTableColumnFlags_WidthFixed, ImGui::GetFontSize() * 7);
  ImGui::TableSetupColumn("v", ImGuiTableColumnFlags_WidthStretch);
  summary_row("Subject", cert.subject);
  summary_row("Issuer", cert.issuer);
  summary_row("Valid from", cert.not_before);
  summary_row("Valid until", cert.not_after);
  summary_row("Names (SAN)", joined(cert.san));
  std::string key = cert.public_key_type + " " + std::to_string(cert.public_key_bits) + " bits";
  if (!cert.public_key_detail.empty()) key += " (" + cert.public_key_detail + ")";
  summary_row("Public key", key);
  if (const std::string meaning = wire::public_key_explanation(cert); !meaning.empty()) {
    ImGui::SameLine();
    ui::help_marker(meaning.c_str());
  }
  summary_row("Signed with", cert.signature_algorithm);
  summary_row("Key usage", joined(cert.key_usage));
  summary_row("Extended usage", joined(cert.extended_key_usage));
  if (cert.has_basic_constraints) summary_row("CA", cert.is_ca ? "yes: may sign certificates" : "no");
  summary_row("Serial", cert.serial);
  summary_row("SHA-256", cert.sha256_fingerprint);
  ImGui::EndTable();
}

// Verify events at depths the sender did not send (the root, from the checker's trust store).
void draw_other_checks(const Transcript& transcript, Side checker, std::size_t num_sent, std::size_t current_index) {
  for (std::size_t i = 0; i < transcript.steps.size() && i <= current_index; ++i) {
    if (transcript.steps[i].from != checker) continue;
    for (const EventPart& part : transcript.steps[i].parts) {
      if (part.kind != EventKind::verify || part.verify.depth < static_cast<int>(num_sent)) continue;
      ImGui::Separator();
      ImGui::Text("Depth %d (from the %s's trust store): %s", part.verify.depth,
                  checker == Side::client ? "client" : "server", part.verify.subject.c_str());
      draw_verdict(&part.verify);
    }
  }
}

// One chain as its receiver checks it: a header per certificate with the verdict and summary.
void draw_chain(const Transcript& transcript, const std::vector<wire::CertSummary>& chain, Side checker,
                std::size_t current) {
  const char* leaf_role = checker == Side::client ? "server's certificate" : "client's certificate";
  for (std::size_t depth = 0; depth < chain.size(); ++depth) {
    ImGui::PushID(static_cast<int>(depth));
    const std::string label = "Depth " + std::to_string(depth) + ": " + (depth == 0 ? leaf_role : "intermediate CA");
    ImGui::SetNextItemOpen(true, ImGuiCond_Once);
    if (ImGui::CollapsingHeader(label.c_str())) {
      draw_verdict(check_at_depth(transcript, checker, static_cast<int>(depth), current));
      draw_summary(chain[depth]);
    }
    ImGui::PopID();
  }
  draw_other_checks(transcript, checker, chain.size(), current);
}

// The scenario clock the client checks validity against, as "2026-09-21 14:13 UTC".
std::string clock_text(std::int64_t clock) {
  const std::time_t when = static_cast<std::time_t>(clock);
  std::tm utc{};
  gmtime_r(&when, &utc);
  char text[32];
  std::strftime(text, sizeof text, "%Y-%m-%d %H:%M UTC", &utc);
  return text;
}

}  // namespace

void CertificateView::drawContent(ViewContext& context) {
  const Session& session = context.session;
  const RunData* run = session.run();
  if (run == nullptr) {
    ImGui::TextDisabled("No run yet.");
    return;
  }
  ImGui::PushTextWrapPos(0);  // a narrow pane still shows the clock the dates are checked against
  if (run->transcript.capture)
    ImGui::TextDisabled("The certificates the server sent, as captured; how the client checked them is not in a capture.");
  else
    ImGui::TextDisabled("The client checks the name \"%s\" at %s", run->scenario.verify_name.c_str(),
                        clock_text(run->scenario.clock).c_str());
  ImGui::PopTextWrapPos();
  ImGui::SameLine();
  const std::string walk = std::string("The client walks the chain: each certificate must be signed by the next one up, "
                                       "be within its dates, and end at a root it already trusts. The server's own "
                                       "certificate (depth 0) must also carry the name the client asked for.\n\n") +
                           names::chain_check_order();
  ui::help_marker(walk.c_str());
  if (run->server_chain.empty()) {
    ImGui::TextDisabled("The server sent no certificate in this run.");
  }
  const std::size_t current = session.current_index();
  draw_chain(run->transcript, run->server_chain, Side::client, current);
  if (run->client_chain.empty()) return;
  // Mutual TLS: the client's chain, as the server checks it.
  ImGui::PushID("client");
  ImGui::Spacing();
  ImGui::Separator();
  ImGui::TextUnformatted("The client's certificate (mutual TLS), as the server checks it");
  ImGui::SameLine();
  ui::help_marker(names::chain_check_order(Side::server));
  draw_chain(run->transcript, run->client_chain, Side::server, current);
  ImGui::PopID();
}

}  // namespace hl::app
