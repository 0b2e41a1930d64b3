// The eavesdropper pane (see eavesdropper_view.hpp). The list grows as the learner steps:
// an observer knows only what has crossed the wire so far.
#include "app/views/eavesdropper_view.hpp"

#include <imgui.h>

#include <algorithm>
#include <string>
#include <string_view>

#include "app/ui/fonts.hpp"
#include "app/ui/theme.hpp"
#include "app/ui/widgets.hpp"

namespace hl::app {
namespace {

// The exposure covering byte offset, or nullptr.
const Exposure* exposure_at(const SeenStep& seen, std::size_t offset) {
  for (const auto& exposure : seen.exposures)
    if (offset >= exposure.offset && offset < exposure.offset + exposure.length) return &exposure;
  return nullptr;
}

// One text segment, coloured and boxed when it is exposed, continuing the current line.
void draw_segment(std::string_view text, const Exposure* exposure) {
  const auto& colours = ui::palette();
  ImU32 colour = exposure == nullptr ? colours.text : exposure->secret ? colours.bad : colours.client;
  ImGui::PushStyleColor(ImGuiCol_Text, colour);
  ImGui::TextUnformatted(text.data(), text.data() + text.size());
  ImGui::PopStyleColor();
  if (exposure != nullptr) {
    ImGui::GetWindowDrawList()->AddRect(ImGui::GetItemRectMin(), ImGui::GetItemRectMax(), colour);
    if (ImGui::IsItemHovered()) ImGui::SetTooltip("%s: %s", exposure->what.c_str(), exposure->value.c_str());
  }
  ImGui::SameLine(0, 0);
}

// A cleartext unit line by line in the mono font, wrapped to the pane's width, each
// exposed range in its own colour.
void draw_cleartext(const SeenStep& seen) {
  ImGui::PushFont(ui::fonts().mono);
  const float char_w = std::max(1.0f, ImGui::CalcTextSize("M").x);
  const std::size_t row_len = std::max<std::size_t>(8, static_cast<std::size_t>(ImGui::GetContentRegionAvail().x / char_w));
  std::string_view text = seen.text;
  std::size_t line_start = 0;
  while (line_start < text.size()) {
    std::size_t line_end = std::min(text.find('\n', line_start), text.size());
    std::size_t shown_end = line_end > line_start && text[line_end - 1] == '\r' ? line_end - 1 : line_end;
    // One visual row at a time, split wherever the exposure under the bytes changes.
    for (std::size_t row = line_start; row < shown_end; row += row_len) {
      std::size_t row_end = std::min(row + row_len, shown_end);
      for (std::size_t start = row; start < row_end;) {
        const Exposure* exposure = exposure_at(seen, start);
        std::size_t end = start + 1;
        while (end < row_end && exposure_at(seen, end) == exposure) ++end;
        draw_segment(text.substr(start, end - start), exposure);
        start = end;
      }
      ImGui::NewLine();
    }
    if (shown_end == line_start) ImGui::NewLine();  // an empty line (the blank line before a body)
    line_start = line_end + 1;
  }
  ImGui::PopFont();
}

// What a step gave away, one line each: SNI, ALPN, suites, the TLS 1.2 certificate, credentials.
void draw_exposures(const SeenStep& seen) {
  const auto& colours = ui::palette();
  for (const auto& exposure : seen.exposures) {
    std::string line = exposure.what + ": " + exposure.value;
    bool alarming = exposure.secret || exposure.what == "server name (SNI)";
    ImGui::PushStyleColor(ImGuiCol_Text, alarming ? colours.bad : colours.client);
    ImGui::PushTextWrapPos(0);
    ImGui::TextUnformatted(line.c_str());
    ImGui::PopTextWrapPos();
    ImGui::PopStyleColor();
  }
}

}  // namespace

void EavesdropperPane::drawContent(ViewContext& context) {
  const RunData* run = context.session.run();
  if (run == nullptr) {
    ImGui::TextDisabled("No run yet.");
    return;
  }
  if (view_run_ != run->transcript.serial) {
    view_ = run->decoded.size() == run->transcript.steps.size() ? eavesdropper_view(run->transcript, run->decoded)
                                                                : eavesdropper_view(run->transcript);
    view_run_ = run->transcript.serial;
  }
  draw_toggle(context);
  const std::size_t current = context.session.current_index();
  draw_verdict(current);
  ImGui::Separator();
  // The steps scroll below; the toggle and the verdict stay in sight.
  if (!ImGui::BeginChild("##seen", ImVec2(0, 0), false)) {
    ImGui::EndChild();
    return;
  }
  for (const SeenStep& seen : view_.steps) {
    if (current != static_cast<std::size_t>(-1) && seen.index > current) break;
    ImGui::PushID(static_cast<int>(seen.index));
    draw_step(seen, seen.index == current, context);
    ImGui::PopID();
  }
  ImGui::EndChild();
}

// The STARTTLS toggle, on STARTTLS ports only: off reruns the same dialogue without the upgrade.
void EavesdropperPane::draw_toggle(ViewContext& context) {
  Scenario& scenario = context.scenario;
  if (scenario.mode != PortMode::starttls) {
    const char* how = scenario.mode == PortMode::plaintext ? "Plaintext port: everything crosses in the clear."
                                                           : "Implicit TLS: TLS starts with the first byte.";
    ui::wrapped_text(how, ui::palette().dim_text);
    return;
  }
  bool upgrade = scenario.starttls;
  if (ImGui::Checkbox("Client upgrades with STARTTLS", &upgrade)) {
    scenario.starttls = upgrade;
    context.scenario_changed = true;
  }
  ImGui::SameLine();
  ui::help_marker("Off: the client never sends the upgrade verb, so the same dialogue, login included, "
                  "crosses the network in the clear. This is what a downgrade (STARTTLS stripping) achieves.");
}

// One line about what the observer holds so far: the secrets, or that there are none.
void EavesdropperPane::draw_verdict(std::size_t current_index) const {
  const auto& colours = ui::palette();
  std::size_t num_seen = 0;
  for (std::size_t step : view_.secret_steps) num_seen += step <= current_index ? 1 : 0;
  if (num_seen > 0) {
    ui::wrapped_text(("The observer has read " + std::to_string(num_seen) +
                      (num_seen == 1 ? " secret" : " secrets") + " in the clear (marked in red).").c_str(),
                     colours.bad);
  } else {
    ui::wrapped_text("No secret has crossed the wire in the clear so far.", colours.ok);
  }
  // The server name is known from the ClientHello on, even when everything after it is encrypted;
  // with mutual TLS, TLS 1.2 shows the client's certificate too.
  bool named_server = false;
  for (const SeenStep& seen : view_.steps) {
    if (seen.index > current_index) break;
    for (const auto& exposure : seen.exposures) {
      if (exposure.what == "server name (SNI)" && !named_server) {
        named_server = true;
        ui::wrapped_text(("Server name visible to anyone on the path: " + exposure.value).c_str(), colours.dim_text);
      }
      if (exposure.what == "client certificate (unencrypted)" && !view_.client_identity.empty())
        ui::wrapped_text(("Client identity visible to anyone on the path (TLS 1.2 sends the client's certificate "
                          "unencrypted): " + view_.client_identity).c_str(), colours.bad);
    }
  }
  if (view_.client_identity_hidden)
    ui::wrapped_text("The client proves who it is with a certificate, but the observer cannot read whose: TLS 1.3 "
                     "encrypts the client's Certificate.", colours.dim_text);
}

void EavesdropperPane::draw_step(const SeenStep& seen, bool current, ViewContext& context) {
  const auto& colours = ui::palette();
  // Number steps as the ladder does (its position among the shown steps).
  const auto& shown = context.session.shown_steps();
  auto position = std::find(shown.begin(), shown.end(), seen.index);
  std::string heading = position == shown.end() ? "   " : std::to_string(position - shown.begin() + 1);
  heading += seen.from == Side::client ? "  client \u2192 server" : "  server \u2192 client";
  ImGui::PushStyleColor(ImGuiCol_Text, seen.from == Side::client ? colours.client : colours.server);
  if (ImGui::Selectable(heading.c_str(), current)) context.session.jump_to_step(seen.index);
  ImGui::PopStyleColor();
  // Follow the cursor once per step change; the learner may scroll freely in between.
  if (current && scrolled_to_ != seen.index) {
    ImGui::SetScrollHereY(0.5f);
    scrolled_to_ = seen.index;
  }
  ImGui::Indent();
  // Text units read line by line below; records and BER messages read best by their summary.
  bool has_lines = seen.text.find('\n') != std::string::npos;
  std::string what = has_lines ? "cleartext, " + std::to_string(seen.bytes.size()) + " bytes:" : seen.summary;
  ui::wrapped_text(what.c_str(), seen.encrypted ? colours.dim_text : colours.text);
  if (!seen.is_record) draw_cleartext(seen);
  // Name what the marked bytes are: "AUTH PLAIN credentials: alice Tr0ub4dor&3" (base64 is not encryption).
  if (!seen.encrypted) draw_exposures(seen);
  ImGui::Unindent();
}

}  // namespace hl::app
