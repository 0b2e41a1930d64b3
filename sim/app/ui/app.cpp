// [SECTION] Construction and runs
// [SECTION] Files
// [SECTION] Keyboard
// [SECTION] Menu
// [SECTION] Layout
#include "app/ui/app.hpp"

#include <imgui.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <filesystem>
#include <utility>

#include "app/key_map.hpp"
#include "app/run_and_decode.hpp"
#include "app/run_export.hpp"
#include "app/ui/fonts.hpp"
#include "app/ui/layout_probe.hpp"
#include "app/ui/theme.hpp"
#include "app/ui/widgets.hpp"

namespace hl::app::ui {
namespace {

constexpr float kPresenterScale = 1.6f;
constexpr float kMinEmsAcross = 16.0f;
constexpr float kMinEmsPerPane = 7.0f;  // a pane shorter than this shows little more than its header  // the narrowest window, in font sizes, the layout is made for
// Tabs that do not fit shrink (longest first) rather than scroll: every tab stays in sight,
// so nobody has to find the Scenario tab behind a scroll arrow.
constexpr ImGuiTabBarFlags kTabBarFlags = ImGuiTabBarFlags_FittingPolicyResizeDown;
constexpr float kDefaultFontSize = Settings{}.font_size;

// "Larger text" with its keys as the menu shows them: "Ctrl +".
bool action_menu_item(const char* label, Action action, bool selected = false) {
  return ImGui::MenuItem(label, keys_for(action).c_str(), selected);
}

// For the layout test: the tab's label where ImGui puts it, which must stay inside the tab.
void probe_tab_label(const char* bar_id, const std::string& title) {
  if (!layout_probe_on()) return;
  const ImVec2 tab_min = ImGui::GetItemRectMin(), tab_max = ImGui::GetItemRectMax();
  const ImVec2 text_min(tab_min.x + ImGui::GetStyle().FramePadding.x, tab_min.y);
  const ImVec2 text_max(text_min.x + ImGui::CalcTextSize(title.c_str(), nullptr, true).x, tab_max.y);
  probe_text(std::string("tabs ") + bar_id, text_min, text_max, title, tab_min, tab_max);
}

// The picker's text, which must stay inside its box (less the arrow button).
void probe_combo_label(const char* pane_id, const std::string& title) {
  if (!layout_probe_on()) return;
  const ImVec2 box_min = ImGui::GetItemRectMin(), box_max = ImGui::GetItemRectMax();
  const ImVec2 text_min(box_min.x + ImGui::GetStyle().FramePadding.x, box_min.y);
  const ImVec2 text_max(text_min.x + ImGui::CalcTextSize(title.c_str(), nullptr, true).x, box_max.y);
  probe_text(std::string("tabs ") + pane_id, text_min, text_max, title, box_min,
             ImVec2(box_max.x - ImGui::GetFrameHeight(), box_max.y));
}

}  // namespace

// [SECTION] Construction and runs ------------------------------------------------------

App::App(AppOptions options)
    : settings_(options.settings),
      saved_settings_(options.settings),
      scenario_(options.scenario),
      runner_(options.run_function ? options.run_function : ScenarioRunner::RunFunction(run_and_decode)),
      compare_runner_(options.run_function ? options.run_function : ScenarioRunner::RunFunction(run_and_decode)),
      compare_overrides_(options.compare),
      context_{.session = session_,
               .settings = settings_,
               .scenario = scenario_,
               .runner = runner_,
               .lesson_id = options.lesson_id,
               .presenter = options.presenter,
               .compact = false,
               .scenario_changed = false,
               .bring_to_front = {},
               .show_run_time = options.show_run_time,
               .compare = compare_},
      views_(make_views(options.persist_progress)),
      persist_settings_(options.persist_settings),
      start_position_(options.start_position) {
  session_.set_show_every_event(settings_.show_every_event);
  runner_.request(scenario_);
  if (!options.capture_path.empty()) open_capture(options.capture_path, options.keylog_path, options.capture_stream);
}

App::~App() {
  if (persist_settings_ && settings_ != saved_settings_) write_settings();
}

void App::save_changed_settings() {
  // Saved as soon as a change settles (not mid-drag), so a killed window loses nothing.
  if (!persist_settings_ || settings_ == saved_settings_ || ImGui::IsMouseDown(ImGuiMouseButton_Left)) return;
  write_settings();
}

void App::write_settings() {
  saved_settings_ = settings_;  // tried once per change, not again every frame
  std::string error;
  if (save_settings(settings_, error)) {
    settings_error_.clear();
    return;
  }
  if (error != settings_error_) std::fprintf(stderr, "handshake-lab: %s\n", error.c_str());
  settings_error_ = error;
}

void App::adopt_run(std::shared_ptr<const RunData> run) {
  if (!run) return;
  // A rerun of the same lesson keeps its place; another lesson starts at its step 1.
  const bool other_lesson = session_.run() != nullptr && session_.run()->scenario.id != run->scenario.id;
  session_.adopt(std::move(run));
  if (other_lesson) session_.first();
  // The compare view's right-hand run follows the scenario on the left (the first run included).
  if (!compare_overrides_.empty() && session_.run() != nullptr && !session_.run()->transcript.capture) request_compare_run();
  if (first_run_adopted_) return;
  first_run_adopted_ = true;
  if (start_position_ && compare_overrides_.empty()) session_.jump_to_position(*start_position_);
}

void App::poll_runs() {
  std::shared_ptr<const RunData> finished = runner_.poll();
  if (finished && std::exchange(drop_pending_run_, false)) finished = nullptr;  // asked for before the capture opened
  adopt_run(std::move(finished));
  adopt_run(poll_live(live_feed_, live_menu_));
  adopt_compare_run(compare_runner_.poll());
}

void App::wait_for_run() {
  std::shared_ptr<const RunData> finished = runner_.wait();
  if (!finished || !std::exchange(drop_pending_run_, false)) adopt_run(std::move(finished));
  adopt_compare_run(compare_runner_.wait());
}

View* App::find_view(const std::string& title) {
  for (auto& view : views_)
    if (view->title() == title) return view.get();
  return nullptr;
}

void App::show_view(const std::string& title) {
  context_.bring_to_front = title;
  bring_to_front_frames_ = 0;
}

void App::run(const Scenario& scenario) {
  scenario_ = scenario;
  drop_pending_run_ = false;
  runner_.request(scenario_);
}

// [SECTION] Files ----------------------------------------------------------------------

bool App::file_failed(std::string why) {
  file_menu_.error = std::move(why);
  return false;
}

void App::adopt_capture_run(std::shared_ptr<const RunData> run, bool keep_place) {
  session_.adopt(std::move(run));
  if (!keep_place) session_.first();
}

bool App::open_capture(const std::string& path, const std::string& keylog, std::size_t stream) {
  OpenedCapture opened;
  std::string error;
  if (!open_capture_file(path, keylog, stream, opened, error)) return file_failed(error);
  capture_ = std::move(opened);
  drop_pending_run_ = runner_.busy();
  adopt_capture_run(capture_run(*capture_, capture_->shown), false);
  file_menu_.status = "Opened " + path;
  return true;
}

bool App::add_keylog(const std::string& path) {
  if (!capture_) return file_failed("Open a capture first: a key log only decrypts a capture (" + path + ")");
  std::string error;
  if (!add_capture_keylog(*capture_, path, error)) return file_failed(error);
  adopt_capture_run(capture_run(*capture_, capture_->shown), true);
  file_menu_.status = "Added the key log " + path;
  return true;
}

void App::show_capture_connection(std::size_t position) {
  if (!capture_) return;
  capture_->shown = std::min(position, capture_->tls.size() - 1);
  adopt_capture_run(capture_run(*capture_, capture_->shown), false);
}

bool App::export_run(const std::string& path) {
  const RunData* run = session_.run();
  if (run == nullptr) return file_failed("There is no run to export yet.");
  std::string error;
  if (!export_run_file(*run, context_.lesson_id, path, file_menu_.status, error)) return file_failed(error);
  return true;
}

void App::open_dropped(const std::vector<std::string>& paths) {
  // In order, so "capture then key log" in one drop works; the first failure stops (and shows).
  for (const std::string& path : paths) {
    const bool capture = looks_like_capture(path);
    if (!capture && !capture_)
      return (void)file_failed(path + " is not a capture (pcap or pcapng). A key log decrypts a capture: open or drop the capture first.");
    if (capture ? !open_capture(path) : !add_keylog(path)) return;
  }
}

void App::do_file_request(const FileRequest& request) {
  switch (request.task) {
    case FileTask::open_capture: open_capture(request.path); return;
    case FileTask::add_keylog: add_keylog(request.path); return;
    case FileTask::close_capture: run(scenario_); return;
    case FileTask::export_pcapng:
    case FileTask::export_pcap:
    case FileTask::export_handout: export_run(request.path); return;
  }
}

HostRequests App::take_requests() {
  HostRequests requests = requests_;
  requests_ = {};
  return requests;
}

float App::wanted_font_size() const {
  float size = settings_.font_size * (context_.presenter ? kPresenterScale : 1.0f);
  // Text never grows past what the window can hold: the step bar's buttons and counter need
  // about 14 em (presenter mode at 48 on an 800-wide window would push them off the edge).
  const float window_w = ImGui::GetIO().DisplaySize.x;
  if (window_w > 0) size = std::min(size, window_w / kMinEmsAcross);
  return std::round(std::clamp(size, kMinFontSize, kMaxFontSize * kPresenterScale));
}

void App::before_frame() {
  const float size = wanted_font_size();
  if (applied_theme_ == settings_.theme && applied_size_ == size) return;
  apply_theme(settings_.theme, size / 16.0f);
  applied_theme_ = settings_.theme;
  applied_size_ = size;
}

// [SECTION] Keyboard -------------------------------------------------------------------

void App::change_font_size(float delta) {
  settings_.font_size = std::clamp(settings_.font_size + delta, kMinFontSize, kMaxFontSize);
}

void App::handle_keys() {
  const ImGuiIO& io = ImGui::GetIO();
  if (io.WantTextInput) return;  // typing a host name must not step the handshake
  if (file_dialog_open(file_menu_)) return;  // the chooser's arrows and Enter are its own
  for (const KeyBinding& binding : key_bindings()) {
    if (binding.ctrl == io.KeyCtrl && ImGui::IsKeyPressed(binding.key, binding.repeat)) perform(binding.action);
  }
}

void App::perform(Action action) {
  switch (action) {
    // With the compare view open, the steps are its rows: both ladders move.
    case Action::next_step: compare_.active() ? void(compare_.next()) : void(session_.next()); return;
    case Action::previous_step: compare_.active() ? void(compare_.back()) : void(session_.back()); return;
    case Action::first_step: compare_.active() ? compare_.first() : session_.first(); return;
    case Action::last_step: compare_.active() ? compare_.last() : session_.last(); return;
    case Action::play_pause: compare_.active() ? compare_.toggle_playback() : session_.toggle_playback(); return;
    case Action::skip_question: skip_question(); return;
    case Action::presenter_mode: context_.presenter = !context_.presenter; return;
    case Action::leave_presenter: context_.presenter = false; return;
    case Action::full_screen: requests_.toggle_fullscreen = true; return;
    case Action::larger_text: change_font_size(2); return;
    case Action::smaller_text: change_font_size(-2); return;
    case Action::normal_text: settings_.font_size = kDefaultFontSize; return;
    case Action::open_capture: start_file_task(file_menu_, FileTask::open_capture, context_.lesson_id); return;
    case Action::export_run:
      if (session_.run() != nullptr && session_.run()->transcript.capture) {
        file_failed("Export writes a lesson's run; the run on screen is a capture already.");
        return;
      }
      start_file_task(file_menu_, FileTask::export_pcapng, context_.lesson_id);
      return;
    case Action::next_connection:
      if (capture_ && capture_->shown + 1 < capture_->tls.size()) show_capture_connection(capture_->shown + 1);
      return;
    case Action::previous_connection:
      if (capture_ && capture_->shown > 0) show_capture_connection(capture_->shown - 1);
      return;
    case Action::undo_edit: undo_edit(); return;
  }
}

void App::skip_question() {
  // The lesson pane sees its hold gone and counts the question as skipped.
  if (!session_.next_held()) return;
  session_.release_hold();
  session_.next();
}

bool App::animating() const {
  if (session_.playback().playing() || runner_.busy() || !context_.bring_to_front.empty()) return true;
  if (compare_.playback().playing() || compare_runner_.busy()) return true;
  const ImGuiIO& io = ImGui::GetIO();
  // A held key repeats, and a drag moves a splitter, only while frames keep coming.
  for (bool down : io.KeysDown)
    if (down) return true;
  for (bool down : io.MouseDown)
    if (down) return true;
  return false;
}

// [SECTION] Menu -----------------------------------------------------------------------

void App::draw_menu() {
  if (!ImGui::BeginMenuBar()) return;
  const bool capture_shown = session_.run() != nullptr && session_.run()->transcript.capture.has_value();
  if (auto request = draw_file_menu(file_menu_, {capture_shown, capture_.has_value(), context_.lesson_id})) do_file_request(*request);
  if (ImGui::BeginMenu("View")) {
    for (const auto& name : theme_names()) {
      if (ImGui::MenuItem(("Theme: " + name).c_str(), nullptr, settings_.theme == name)) settings_.theme = name;
    }
    ImGui::Separator();
    if (action_menu_item("Larger text", Action::larger_text)) perform(Action::larger_text);
    if (action_menu_item("Smaller text", Action::smaller_text)) perform(Action::smaller_text);
    if (action_menu_item("Normal text size", Action::normal_text)) perform(Action::normal_text);
    ImGui::Separator();
    if (action_menu_item("Presenter mode", Action::presenter_mode, context_.presenter)) perform(Action::presenter_mode);
    if (action_menu_item("Full screen", Action::full_screen)) perform(Action::full_screen);
    if (ImGui::MenuItem("Every event as its own step", nullptr, settings_.show_every_event)) {
      settings_.show_every_event = !settings_.show_every_event;
    }
    if (ImGui::MenuItem("Reset pane sizes")) {
      Settings defaults;
      settings_.left_fraction = defaults.left_fraction;
      settings_.ladder_fraction = defaults.ladder_fraction;
      settings_.lesson_fraction = defaults.lesson_fraction;
      settings_.tree_fraction = defaults.tree_fraction;
    }
    ImGui::EndMenu();
  }
  if (ImGui::BeginMenu("Progress")) {
    if (ImGui::MenuItem("Review what you missed")) show_view("Lessons");
    if (ImGui::MenuItem("Reset progress...")) {  // the lesson browser asks to confirm
      context_.reset_progress_asked = true;
      show_view("Lessons");
    }
    ImGui::EndMenu();
  }
  draw_compare_menu();
  adopt_run(draw_live_menu(live_feed_, live_menu_, scenario_));
  if (ImGui::BeginMenu("Keys")) {
    for (const ActionInfo& info : key_actions()) ImGui::MenuItem(info.name, keys_for(info.action).c_str(), false, false);
    ImGui::EndMenu();
  }
  // What is left of the bar: the lesson id whole, or cut with an ellipsis (never clipped mid-letter).
  const std::string lesson_label = capture_shown ? "  Capture: " + std::filesystem::path(capture_->path).filename().string()
                                                 : "  Lesson: " + context_.lesson_id;
  const std::string shown = ellipsized(lesson_label, ImGui::GetContentRegionAvail().x);
  if (shown.size() > std::string_view("  Lesson: ").size()) {  // a lone "…" would say nothing
    ImGui::TextDisabled("%s", shown.c_str());
    if (shown != lesson_label && ImGui::IsItemHovered()) ImGui::SetTooltip("%s", lesson_label.c_str() + 2);
  }
  if (!settings_error_.empty()) {
    ImGui::SameLine();
    ImGui::PushStyleColor(ImGuiCol_Text, palette().bad);
    ImGui::TextUnformatted("  Settings not saved");
    ImGui::PopStyleColor();
    if (ImGui::IsItemHovered()) ImGui::SetTooltip("%s", settings_error_.c_str());
  }
  if (!file_menu_.status.empty() && ImGui::GetContentRegionAvail().x > ImGui::GetFontSize() * 4) {
    ImGui::SameLine();
    const std::string status = ellipsized("  " + file_menu_.status, ImGui::GetContentRegionAvail().x);
    ImGui::PushStyleColor(ImGuiCol_Text, palette().ok);
    ImGui::TextUnformatted(status.c_str());
    ImGui::PopStyleColor();
    if (ImGui::IsItemHovered()) ImGui::SetTooltip("%s", file_menu_.status.c_str());
  }
  ImGui::EndMenuBar();
}

// [SECTION] Layout ---------------------------------------------------------------------

void App::draw_pane(const char* id, ImVec2 size, std::initializer_list<Slot> slots) {
  ImGuiWindowFlags flags = ImGuiWindowFlags_None;
  if (*slots.begin() == Slot::step_bar) flags |= ImGuiWindowFlags_NoScrollbar;
  ImGui::BeginChild(id, size, true, flags);
  pane_views_.clear();
  for (auto& view : views_) {
    const bool in_pane = std::find(slots.begin(), slots.end(), view->slot()) != slots.end();
    if (in_pane && (!context_.presenter || view->shown_in_presenter())) pane_views_.push_back(view.get());
  }
  if (pane_views_.size() == 1) pane_views_.front()->draw(context_);
  std::string& chosen = pane_choice_[id];  // the view this pane shows, kept across tabs and picker
  if (pane_views_.size() > 1 && !tabs_fit(pane_views_)) {
    View* shown = draw_view_picker(id, chosen);
    if (*slots.begin() == Slot::lesson) lesson_pane_wide_ = shown->wide_in_presenter();
  } else if (pane_views_.size() > 1 && ImGui::BeginTabBar(id, kTabBarFlags)) {
    const bool from_picker = std::exchange(pane_picked_[id], false);
    for (View* view : pane_views_) {
      ImGuiTabItemFlags tab_flags = ImGuiTabItemFlags_None;
      if (view->title() == context_.bring_to_front || (from_picker && view->title() == chosen))
        tab_flags |= ImGuiTabItemFlags_SetSelected;
      const bool open = ImGui::BeginTabItem(view->title().c_str(), nullptr, tab_flags);
      probe_tab_label(id, view->title());
      if (!open) continue;
      chosen = view->title();
      if (*slots.begin() == Slot::lesson) lesson_pane_wide_ = view->wide_in_presenter();
      view->draw(context_);
      ImGui::EndTabItem();
    }
    ImGui::EndTabBar();
  }
  ImGui::EndChild();
}

bool App::tabs_fit(const std::vector<View*>& views) const {
  const ImGuiStyle& style = ImGui::GetStyle();
  float needed = 0;
  for (const View* view : views)
    needed += ImGui::CalcTextSize(view->title().c_str()).x + 2 * style.FramePadding.x + style.ItemInnerSpacing.x;
  return needed <= ImGui::GetContentRegionAvail().x;
}

View* App::draw_view_picker(const char* id, std::string& chosen) {
  // Tabs too wide for the pane would shrink to "L T L": a picker keeps every name whole.
  auto shown = std::find_if(pane_views_.begin(), pane_views_.end(), [&](View* v) {
    return v->title() == (context_.bring_to_front.empty() ? chosen : context_.bring_to_front);
  });
  if (shown == pane_views_.end()) shown = pane_views_.begin();
  chosen = (*shown)->title();
  ImGui::PushID(id);
  ImGui::SetNextItemWidth(-1);
  const float text_w = ImGui::GetContentRegionAvail().x - ImGui::GetFrameHeight() - 2 * ImGui::GetStyle().FramePadding.x;
  const std::string preview = ellipsized(chosen, text_w);
  if (ImGui::BeginCombo("##view", preview.c_str())) {
    for (View* view : pane_views_)
      if (ImGui::Selectable(view->title().c_str(), view == *shown)) chosen = view->title();
    ImGui::EndCombo();
  }
  if (preview != chosen && ImGui::IsItemHovered()) ImGui::SetTooltip("%s", chosen.c_str());
  probe_combo_label(id, preview);
  ImGui::PopID();
  pane_picked_[id] = true;  // back in tabs, the same view is selected
  (*shown)->draw(context_);
  return *shown;
}

void App::draw_normal_layout(ImVec2 body) {
  const float bar = std::max(6.0f, ImGui::GetFontSize() * 0.4f);
  const float spacing = ImGui::GetStyle().ItemSpacing.x;
  const float usable_w = body.x - 2 * (bar + 2 * spacing);
  const float left_w = std::floor(usable_w * settings_.left_fraction);
  const float ladder_w = std::floor(usable_w * settings_.ladder_fraction);

  // Left column: the lesson over the scenario / endpoints / certificates tabs.
  ImGui::BeginGroup();
  const float column_h = body.y - bar - 2 * ImGui::GetStyle().ItemSpacing.y;
  draw_pane("##lesson", ImVec2(left_w, std::floor(column_h * settings_.lesson_fraction)), {Slot::lesson});
  ImGui::PushID("left");
  ImGui::SetNextItemWidth(left_w);
  ImGui::BeginChild("##left-split", ImVec2(left_w, bar), false, ImGuiWindowFlags_NoScrollbar);
  splitter("##split", false, bar, column_h, settings_.lesson_fraction, 0.12f);
  ImGui::EndChild();
  ImGui::PopID();
  draw_pane("##side", ImVec2(left_w, 0), {Slot::side});
  ImGui::EndGroup();

  ImGui::SameLine();
  float left_fraction = settings_.left_fraction;
  if (splitter("##split-left", true, bar, usable_w, left_fraction, 0.12f)) {
    // Moving the first boundary takes width from the ladder, not from the right column.
    float moved = left_fraction - settings_.left_fraction;
    settings_.ladder_fraction = std::max(0.12f, settings_.ladder_fraction - moved);
    settings_.left_fraction = left_fraction;
  }
  ImGui::SameLine();
  draw_pane("##ladder", ImVec2(ladder_w, 0), {Slot::ladder});
  ImGui::SameLine();
  float ladder_fraction = settings_.ladder_fraction;
  if (splitter("##split-ladder", true, bar, usable_w, ladder_fraction, 0.12f)) {
    settings_.ladder_fraction = std::min(ladder_fraction, 0.88f - settings_.left_fraction);
  }
  ImGui::SameLine();

  // Right column: the field tree over the bytes.
  ImGui::BeginGroup();
  const float right_w = ImGui::GetContentRegionAvail().x;
  draw_pane("##tree", ImVec2(right_w, std::floor(column_h * settings_.tree_fraction)), {Slot::tree});
  ImGui::PushID("right");
  ImGui::BeginChild("##right-split", ImVec2(right_w, bar), false, ImGuiWindowFlags_NoScrollbar);
  splitter("##split", false, bar, column_h, settings_.tree_fraction, 0.12f);
  ImGui::EndChild();
  ImGui::PopID();
  draw_pane("##hex", ImVec2(right_w, 0), {Slot::hex});
  ImGui::EndGroup();
}

void App::draw_presenter_layout(ImVec2 body) {
  const float bar = std::max(6.0f, ImGui::GetFontSize() * 0.4f);
  const float usable_w = body.x - bar - 2 * ImGui::GetStyle().ItemSpacing.x;
  // The key schedule (a presenter view of the tree slot) joins the lesson's tabs, so it is
  // read beside the ladder whose messages it lights.
  // A diagram in front (the key schedule) gets the wider share, prose the narrower; each keeps its own.
  float& fraction = lesson_pane_wide_ ? presenter_wide_fraction_ : presenter_fraction_;
  draw_pane("##lesson", ImVec2(std::floor(usable_w * fraction), 0), {Slot::lesson, Slot::tree});
  ImGui::SameLine();
  splitter("##split-presenter", true, bar, usable_w, fraction, 0.2f);
  ImGui::SameLine();
  draw_pane("##ladder", ImVec2(0, 0), {Slot::ladder});
}

void App::draw_compact_layout(ImVec2 body) {
  // Big text in a small window: the ladder on the left, everything else on the right.
  const float bar = std::max(6.0f, ImGui::GetFontSize() * 0.4f);
  const float usable_w = body.x - bar - 2 * ImGui::GetStyle().ItemSpacing.x;
  draw_pane("##ladder", ImVec2(std::floor(usable_w * compact_fraction_), 0), {Slot::ladder});
  ImGui::SameLine();
  splitter("##split-compact", true, bar, usable_w, compact_fraction_, 0.2f);
  ImGui::SameLine();
  ImGui::BeginGroup();
  const float right_w = ImGui::GetContentRegionAvail().x;
  const float column_h = body.y - bar - 2 * ImGui::GetStyle().ItemSpacing.y;
  if (column_h < ImGui::GetFontSize() * kMinEmsPerPane * 2) {
    // Too short for two panes to show more than their headers: one pane, every view in its picker.
    draw_pane("##details", ImVec2(right_w, 0), {Slot::lesson, Slot::tree, Slot::hex, Slot::side});
    ImGui::EndGroup();
    return;
  }
  draw_pane("##lesson", ImVec2(right_w, std::floor(column_h * settings_.lesson_fraction)), {Slot::lesson});
  ImGui::BeginChild("##compact-split", ImVec2(right_w, bar), false, ImGuiWindowFlags_NoScrollbar);
  splitter("##split", false, bar, column_h, settings_.lesson_fraction, 0.12f);
  ImGui::EndChild();
  draw_pane("##details", ImVec2(right_w, 0), {Slot::tree, Slot::hex, Slot::side});
  ImGui::EndGroup();
}

void App::frame() {
  poll_runs();
  const bool capture_shown = session_.run() != nullptr && session_.run()->transcript.capture.has_value();
  context_.capture_connections = capture_shown && capture_ ? capture_->tls.size() : 0;
  context_.capture_connection = capture_ ? capture_->shown : 0;
  session_.begin_frame();
  if (session_.show_every_event() != settings_.show_every_event) {
    session_.set_show_every_event(settings_.show_every_event);
  }
  handle_keys();
  if (compare_.active()) {
    compare_.tick(ImGui::GetIO().DeltaTime);
  } else {
    session_.tick(ImGui::GetIO().DeltaTime);
  }
  follow_compare_cursor();

  const ImGuiViewport* viewport = ImGui::GetMainViewport();
  ImGui::SetNextWindowPos(viewport->WorkPos);
  ImGui::SetNextWindowSize(viewport->WorkSize);
  // NoBackground: the renderer's clear already paints WindowBg; a second full-window quad
  // would double the fill work, which is what a software rasteriser (llvmpipe) pays for.
  constexpr ImGuiWindowFlags flags = ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoMove |
                                     ImGuiWindowFlags_NoSavedSettings | ImGuiWindowFlags_NoBringToFrontOnFocus |
                                     ImGuiWindowFlags_MenuBar | ImGuiWindowFlags_NoBackground;
  ImGui::Begin("Handshake Lab", nullptr, flags);
  draw_menu();

  const ImGuiStyle& style = ImGui::GetStyle();
  // Three columns need about 64 characters of width; fewer and the panes regroup.
  context_.compact = viewport->WorkSize.x < ImGui::GetFontSize() * 64;
  // One row: the buttons or the step title in the heading font, whichever is taller.
  const float row_h = std::max(ImGui::GetFrameHeight(), fonts().size * 1.3f);
  draw_pane("##step-bar", ImVec2(0, row_h + 2 * style.WindowPadding.y + 2), {Slot::step_bar});
  ImVec2 body = ImGui::GetContentRegionAvail();
  if (compare_.active()) {
    draw_compare_layout(body);
  } else if (context_.presenter) {
    draw_presenter_layout(body);
  } else if (context_.compact) {
    draw_compact_layout(body);
  } else {
    draw_normal_layout(body);
  }
  ImGui::End();

  save_changed_settings();
  // Kept for a few frames: a tab bar only honours SetSelected once it exists.
  if (!context_.bring_to_front.empty() && ++bring_to_front_frames_ > 2) context_.bring_to_front.clear();
  if (auto request = draw_file_dialogs(file_menu_)) do_file_request(*request);
  draw_compare_dialog();
  do_compare_wishes();
  do_edit_wishes();
  follow_compare_cursor();
  if (auto wanted = std::exchange(context_.capture_connection_wanted, std::nullopt)) show_capture_connection(*wanted);
  if (context_.scenario_changed) {
    context_.scenario_changed = false;
    drop_pending_run_ = false;
    runner_.request(scenario_);
  }
}

}  // namespace hl::app::ui
