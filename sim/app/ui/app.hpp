// The window's content: the views, the layout with draggable splitters, the menu, the
// keyboard and the background runs. One App per ImGui context; the Platform (platform.hpp)
// owns the GLFW window and the renderer and calls frame() between NewFrame and Render.
#pragma once

#include <imgui.h>

#include <array>
#include <initializer_list>
#include <cstddef>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "app/key_map.hpp"
#include "app/live_feed.hpp"
#include "app/scenario_runner.hpp"
#include "app/session.hpp"
#include "app/settings.hpp"
#include "app/ui/live_menu.hpp"
#include "app/views/view.hpp"

namespace hl::app::ui {

struct AppOptions {
  Scenario scenario;                           // what to run first
  std::string lesson_id = "https-443";
  Settings settings;                           // starting theme, font size, pane sizes
  bool persist_settings = true;                // false for screenshots and benches: never touch the config dir
  bool persist_progress = true;                // false for screenshots: lesson progress neither read nor written
  std::optional<std::size_t> start_position;   // 0-based shown step to open at; the first when unset
  bool presenter = false;
  bool show_run_time = true;                   // false for screenshots: "ran in 5.4 ms" differs run to run
  ScenarioRunner::RunFunction run_function;    // how a scenario is run; empty: run_and_decode (tests hold runs back)
};

/// What the App asks of the platform between frames.
struct HostRequests {
  bool toggle_fullscreen = false;
};

class App {
 public:
  /// Starts the first run in the background; call wait_for_run() to block until it is shown.
  explicit App(AppOptions options);
  /// Saves the settings when persist_settings is on.
  ~App();
  App(const App&) = delete;
  App& operator=(const App&) = delete;

  /// The font size the next frame wants (presenter mode scales it); the platform rebuilds
  /// the atlas between frames when it differs from the fonts built.
  float wanted_font_size() const;
  /// Applies theme and style changes; call before ImGui::NewFrame, after the fonts are rebuilt.
  void before_frame();
  /// Draws one frame of the whole window. Call between ImGui::NewFrame and ImGui::Render.
  void frame();
  /// Takes and clears what the App asked of the platform this frame.
  HostRequests take_requests();
  /// Blocks until the run in flight is done and shown (screenshots, benches, tests).
  void wait_for_run();
  /// The view with this title, or nullptr (tests read what a view drew).
  View* find_view(const std::string& title);
  /// Brings the view with this title to the front of its tabs.
  void show_view(const std::string& title);
  /// Replaces the scenario and reruns it in the background; the cursor keeps its step title.
  void run(const Scenario& scenario);
  /// Does what a key bound to action does (the Keys menu's table, key_map.hpp).
  void perform(Action action);
  /// True while something moves without input (playback, a run in flight, a held key or
  /// button): the platform keeps drawing; otherwise it may sleep until the next event.
  bool animating() const;

  /// The view-model, the settings and the background runner the views share.
  Session& session() { return session_; }
  Settings& settings() { return settings_; }
  const ScenarioRunner& runner() const { return runner_; }
  /// The window's live server (the Live menu starts it; tests may too).
  LiveFeed& live_feed() { return live_feed_; }

 private:
  void poll_runs();
  void adopt_run(std::shared_ptr<const RunData> run);
  void handle_keys();
  void skip_question();
  void draw_menu();
  void draw_pane(const char* id, ImVec2 size, std::initializer_list<Slot> slots);
  /// Whether the views' tab labels fit the pane's width whole.
  bool tabs_fit(const std::vector<View*>& views) const;
  /// A combo naming the pane's views in place of tabs that would not fit; draws the chosen one and returns it.
  View* draw_view_picker(const char* id, std::string& chosen);
  void draw_normal_layout(ImVec2 body);
  void draw_presenter_layout(ImVec2 body);
  void draw_compact_layout(ImVec2 body);
  void change_font_size(float delta);
  void save_changed_settings();
  void write_settings();

  Settings settings_;
  Settings saved_settings_;  // what the config file holds, so a change is saved once
  std::string settings_error_;  // why the last save failed, shown in the menu bar; empty when it worked
  Scenario scenario_;
  Session session_;
  ScenarioRunner runner_;
  ViewContext context_;
  std::vector<std::unique_ptr<View>> views_;
  bool persist_settings_;
  std::optional<std::size_t> start_position_;
  bool first_run_adopted_ = false;
  HostRequests requests_;
  std::string applied_theme_;
  float applied_size_ = 0;
  float presenter_fraction_ = 0.4f;
  float presenter_wide_fraction_ = 0.58f;  // while the lesson pane's front tab is wide_in_presenter()
  bool lesson_pane_wide_ = false;          // the lesson pane's front tab, as drawn last frame
  float compact_fraction_ = 0.42f;
  int bring_to_front_frames_ = 0;
  std::vector<View*> pane_views_;  // reused by draw_pane: no allocation per frame
  std::map<std::string, std::string> pane_choice_;  // pane id -> title of the view it shows
  std::map<std::string, bool> pane_picked_;         // pane id -> last frame used the picker, not tabs
  LiveMenuState live_menu_;
  LiveFeed live_feed_;  // last: its thread stops before anything it hands runs to goes away
};

}  // namespace hl::app::ui
