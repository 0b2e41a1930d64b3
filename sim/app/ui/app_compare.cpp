// The App's side of the compare view: opening and closing it, the right-hand run that follows
// the scenario, the Compare menu and its KEY=VALUE dialog, and the session that follows the
// shared cursor so the lesson pane stays with the left-hand run.
// [SECTION] Opening and closing
// [SECTION] Runs
// [SECTION] Menu and dialog
// [SECTION] Layout
#include <imgui.h>

#include <algorithm>
#include <cmath>
#include <cstring>
#include <utility>

#include "app/ui/app.hpp"
#include "app/ui/theme.hpp"
#include "app/ui/widgets.hpp"

namespace hl::app::ui {

// [SECTION] Opening and closing ------------------------------------------------------------

void App::open_compare(CompareRequest request) {
  compare_overrides_.clear();  // these runs stay as given: no rerun replaces them
  context_.compare_lesson.clear();
  compare_ = Comparison(std::move(request));
  compare_followed_.reset();
}

bool App::compare_with(const ScenarioOverrides& overrides, std::string& out_error) {
  if (session_.run() != nullptr && session_.run()->transcript.capture) {
    out_error = "A capture shows what was recorded: only a lesson's run can be run again with other settings.";
    return false;
  }
  Scenario right = session_.run() != nullptr ? session_.run()->scenario : scenario_;
  if (!apply_overrides(right, overrides, out_error)) return false;
  compare_overrides_ = overrides;
  if (session_.run() != nullptr) request_compare_run();  // else the first run's arrival asks for it
  return true;
}

void App::close_compare() {
  compare_ = Comparison();
  compare_overrides_.clear();
  compare_followed_.reset();
  context_.compare_lesson.clear();
}

void App::do_compare_wishes() {
  if (auto runs = std::exchange(context_.compare_runs_wanted, std::nullopt)) open_compare(std::move(*runs));
  auto wanted = std::exchange(context_.compare_wanted, std::nullopt);
  if (!wanted) return;
  if (wanted->empty()) return close_compare();
  if (compare_with(*wanted, compare_error_)) return;
  compare_text_ = overrides_text(*wanted);  // the dialog says why, with the settings to fix
  compare_dialog_open_ = true;
}

// [SECTION] Runs ---------------------------------------------------------------------------

void App::request_compare_run() {
  Scenario right = session_.run()->scenario;
  if (!apply_overrides(right, compare_overrides_, compare_error_)) return close_compare();
  compare_runner_.request(right);
}

void App::adopt_compare_run(std::shared_ptr<const RunData> right) {
  // A run asked for before the comparison closed (or became one of two given runs) is dropped.
  if (!right || compare_overrides_.empty() || session_.run() == nullptr) return;
  const Scenario& left_scenario = session_.run()->scenario;
  const auto [left_connection, right_connection] = compared_connections(left_scenario, right->scenario);
  CompareRequest request;
  request.left = {session_.shared_run(), compare_label(left_scenario, compare_overrides_), left_connection};
  request.right = {right, compare_label(right->scenario, compare_overrides_), right_connection};
  const bool reopened = compare_.active();
  const std::size_t row = compare_.cursor().index();
  const Playback playback = compare_.playback();
  compare_ = Comparison(std::move(request));
  if (reopened) {  // a rerun keeps the place and the playback
    compare_.jump_to_position(row);
    compare_.playback() = playback;
  } else if (start_position_) {
    compare_.jump_to_position(*std::exchange(start_position_, std::nullopt));
  }
}

void App::follow_compare_cursor() {
  // The lesson pane and the other views read the session: it follows the left-hand ladder.
  if (!compare_.active()) return;
  const std::pair<std::uint64_t, std::size_t> place{compare_.serial(), compare_.cursor().index()};
  if (compare_followed_ == place) return;
  compare_followed_ = place;
  if (compare_.side(Half::left).run != session_.shared_run()) return;
  if (auto step = compare_.step_at_or_before(Half::left)) session_.jump_to_step(*step);
}

// [SECTION] Menu and dialog ------------------------------------------------------------------

void App::draw_compare_menu() {
  if (!ImGui::BeginMenu("Compare")) return;
  const bool capture_shown = session_.run() != nullptr && session_.run()->transcript.capture.has_value();
  ImGui::TextDisabled("Beside this run, the same scenario with:");
  for (const ComparePreset& preset : compare_presets(scenario_)) {
    const bool shown = compare_.active() && compare_overrides_ == preset.overrides;
    const std::string label = preset.name + "##" + overrides_text(preset.overrides);
    if (ImGui::MenuItem(label.c_str(), overrides_text(preset.overrides).c_str(), shown, !capture_shown)) {
      context_.compare_lesson.clear();
      if (!compare_with(preset.overrides, compare_error_)) {
        compare_text_ = overrides_text(preset.overrides);
        compare_dialog_open_ = true;
      }
    }
  }
  if (ImGui::MenuItem("Other settings...", nullptr, false, !capture_shown)) {
    compare_text_ = overrides_text(compare_overrides_);
    compare_error_.clear();
    compare_dialog_open_ = true;
  }
  ImGui::Separator();
  if (ImGui::MenuItem("Back to one run", nullptr, false, compare_.active())) close_compare();
  ImGui::EndMenu();
}

void App::draw_compare_dialog() {
  constexpr const char* kId = "Compare with...";
  if (compare_dialog_open_ && !ImGui::IsPopupOpen(kId)) ImGui::OpenPopup(kId);
  if (!ImGui::BeginPopupModal(kId, nullptr, ImGuiWindowFlags_AlwaysAutoResize | ImGuiWindowFlags_NoSavedSettings)) {
    compare_dialog_open_ = false;
    return;
  }
  ImGui::TextUnformatted("The right-hand run: this scenario with these settings changed,");
  ImGui::TextUnformatted("KEY=VALUE as `handshake-lab trace --set` takes them (see trace --help).");
  ImGui::TextDisabled("For example: version=1.2   resume=ticket   client-cert=on   groups=P-256");
  char buffer[512];
  std::snprintf(buffer, sizeof buffer, "%s", compare_text_.c_str());
  if (ImGui::IsWindowAppearing()) ImGui::SetKeyboardFocusHere();
  ImGui::SetNextItemWidth(ImGui::GetFontSize() * 30);
  const bool entered = ImGui::InputText("##overrides", buffer, sizeof buffer, ImGuiInputTextFlags_EnterReturnsTrue);
  compare_text_ = buffer;
  if (!compare_error_.empty()) {
    ImGui::PushStyleColor(ImGuiCol_Text, palette().bad);
    ImGui::PushTextWrapPos(ImGui::GetFontSize() * 30);
    ImGui::TextUnformatted(compare_error_.c_str());
    ImGui::PopTextWrapPos();
    ImGui::PopStyleColor();
  }
  bool done = false;
  if (ImGui::Button("Compare") || entered) {
    ScenarioOverrides overrides;
    if (parse_overrides(compare_text_, overrides, compare_error_) && compare_with(overrides, compare_error_)) {
      context_.compare_lesson.clear();
      compare_error_.clear();
      done = true;
    }
  }
  ImGui::SameLine();
  if (ImGui::Button("Cancel") || ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_Escape))) done = true;
  if (done) {
    compare_dialog_open_ = false;
    ImGui::CloseCurrentPopup();
  }
  ImGui::EndPopup();
}

// [SECTION] Layout ---------------------------------------------------------------------------

void App::draw_compare_layout(ImVec2 body) {
  // The lesson (and the side panes, as tabs) on the left; the two ladders over the rest. A window
  // too narrow for both gives the whole width to the ladders.
  if (context_.compact) {
    draw_pane("##compare", ImVec2(0, 0), {Slot::compare});
    return;
  }
  const float bar = std::max(6.0f, ImGui::GetFontSize() * 0.4f);
  const float usable_w = body.x - bar - 2 * ImGui::GetStyle().ItemSpacing.x;
  if (context_.presenter) {
    draw_pane("##lesson", ImVec2(std::floor(usable_w * compare_fraction_), 0), {Slot::lesson});
  } else {
    draw_pane("##lesson", ImVec2(std::floor(usable_w * compare_fraction_), 0), {Slot::lesson, Slot::side});
  }
  ImGui::SameLine();
  splitter("##split-compare", true, bar, usable_w, compare_fraction_, 0.15f);
  ImGui::SameLine();
  draw_pane("##compare", ImVec2(0, 0), {Slot::compare});
}

}  // namespace hl::app::ui
