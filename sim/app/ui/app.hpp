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
#include <cstdint>
#include <optional>
#include <utility>
#include <string>
#include <vector>

#include "app/key_map.hpp"
#include "app/live_feed.hpp"
#include "app/opened_capture.hpp"
#include "app/scenario_runner.hpp"
#include "app/session.hpp"
#include "app/settings.hpp"
#include "app/what_if_edit.hpp"
#include "app/ui/file_menu.hpp"
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
  std::string capture_path;                    // a capture to open at once in place of the lesson's run (window --pcap)
  std::string keylog_path;                     // with capture_path: a key log to add (window --keylog)
  std::size_t capture_stream = 0;              // with capture_path: its TCP connection to show, from 1; 0 the first TLS one
  ScenarioOverrides compare;                   // non-empty: open beside the first run the same scenario with these
                                               // overrides, in the compare view (screenshot --compare); start_position is its row
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

  // --- The compare view (two runs side by side) -----------------------------------------
  /// Opens the compare view on two finished runs (a "what if" edit beside the original run);
  /// they stay as given until close_compare() or another comparison. A view asks the same
  /// through ViewContext::compare_runs_wanted.
  void open_compare(CompareRequest request);
  /// Opens the compare view on the run on screen (left) and a run of its scenario with these
  /// overrides (right, run in the background); both are rerun whenever the scenario changes.
  /// False, with error saying why, when an override is unknown or refused; nothing changes then.
  [[nodiscard]] bool compare_with(const ScenarioOverrides& overrides, std::string& out_error);
  /// Closes the compare view: the single run's ladder and panes again.
  void close_compare();
  /// The comparison on screen; not active() when none.
  const Comparison& comparison() const { return compare_; }
  /// The overrides of the right-hand run when compare_with() opened the comparison; else empty.
  const ScenarioOverrides& compare_overrides() const { return compare_overrides_; }
  // --- "What if?" (issue 14): an edited record in place of the original -----------------
  /// Reruns the run on screen with the same seed and opens the compare view: "original" left, the
  /// edited run right, the fork marked and the cursor on it. EditBy::wire delivers `spec`'s edited
  /// record in place of the original; EditBy::client has the client send the edited ClientHello
  /// itself. spec.step numbers the run's steps with events grouped, as trace does.
  /// False, with one sentence, when the core refuses the edit; nothing changes then.
  [[nodiscard]] bool send_edit(const edit::EditSpec& spec, std::string& out_error, EditBy by = EditBy::wire);
  /// Back to the original run alone (closes the comparison the edit opened); nothing when no edit is shown.
  void undo_edit();
  /// The edit on screen, or nullptr.
  const WhatIfEdit* what_if() const { return what_if_ ? &*what_if_ : nullptr; }

  /// True while something moves without input (playback, a run in flight, a held key or
  /// button): the platform keeps drawing; otherwise it may sleep until the next event.
  bool animating() const;

  /// The view-model, the settings and the background runner the views share.
  Session& session() { return session_; }
  Settings& settings() { return settings_; }
  const ScenarioRunner& runner() const { return runner_; }
  /// The window's live server (the Live menu starts it; tests may too).
  LiveFeed& live_feed() { return live_feed_; }

  // --- Files (the File menu, dropped files, window --pcap) ------------------------------
  /// Opens a capture and shows its first TLS connection (or TCP connection `stream`, from 1).
  /// False when it cannot: file_error() says why, and the run on screen stays.
  bool open_capture(const std::string& path, const std::string& keylog = {}, std::size_t stream = 0);
  /// Adds a key log to the open capture and shows the same connection again, decrypted where it can.
  bool add_keylog(const std::string& path);
  /// Shows the open capture's TLS connection at `position` (from 0, clamped).
  void show_capture_connection(std::size_t position);
  /// The open capture, or nullptr.
  const OpenedCapture* capture() const { return capture_ ? &*capture_ : nullptr; }
  /// Writes the run on screen as .pcapng, .pcap (FILE.keylog beside it) or .html (the handout), by
  /// path's ending. False when it cannot (file_error() says why); file_status() names the file(s) written.
  bool export_run(const std::string& path);
  /// Files dropped on the window: captures open, key logs join the open capture, in the order given.
  void open_dropped(const std::vector<std::string>& paths);
  /// Why the last file action failed (shown in a modal until dismissed); empty when none.
  const std::string& file_error() const { return file_menu_.error; }
  /// The last file action that worked ("Exported to ..."), shown in the menu bar.
  const std::string& file_status() const { return file_menu_.status; }
  /// The File menu's state (tests open its chooser and read it).
  FileMenuState& file_menu() { return file_menu_; }

 private:
  void poll_runs();
  void adopt_run(std::shared_ptr<const RunData> run);
  void handle_keys();
  void skip_question();
  void draw_menu();
  void do_file_request(const FileRequest& request);
  bool file_failed(std::string why);
  void adopt_capture_run(std::shared_ptr<const RunData> run, bool keep_place);
  void draw_pane(const char* id, ImVec2 size, std::initializer_list<Slot> slots);
  /// Whether the views' tab labels fit the pane's width whole.
  bool tabs_fit(const std::vector<View*>& views) const;
  /// A combo naming the pane's views in place of tabs that would not fit; draws the chosen one and returns it.
  View* draw_view_picker(const char* id, std::string& chosen);
  void draw_normal_layout(ImVec2 body);
  void draw_presenter_layout(ImVec2 body);
  void draw_compact_layout(ImVec2 body);
  void draw_compare_layout(ImVec2 body);
  void request_compare_run();
  void adopt_compare_run(std::shared_ptr<const RunData> right);
  void do_compare_wishes();
  void follow_compare_cursor();
  void draw_compare_menu();
  void draw_compare_dialog();
  void do_edit_wishes();
  void change_font_size(float delta);
  void save_changed_settings();
  void write_settings();

  Settings settings_;
  Settings saved_settings_;  // what the config file holds, so a change is saved once
  std::string settings_error_;  // why the last save failed, shown in the menu bar; empty when it worked
  Scenario scenario_;
  Session session_;
  ScenarioRunner runner_;
  Comparison compare_;                 // what the compare view shows; not active() when closed
  ScenarioRunner compare_runner_;      // runs the right-hand scenario of compare_with()
  ScenarioOverrides compare_overrides_;  // compare_with()'s overrides; empty when the runs came from open_compare()
  std::optional<std::pair<std::uint64_t, std::size_t>> compare_followed_;  // (comparison serial, row) the session last followed
  bool compare_dialog_open_ = false;   // Compare > Other settings...: the KEY=VALUE dialog
  std::string compare_text_;           // what the dialog's field holds
  std::string compare_error_;          // why the dialog's last request was refused
  std::optional<WhatIfEdit> what_if_;  // the edit the compare view shows; reset when that comparison closes
  float compare_fraction_ = 0.3f;      // the lesson pane's share of the width beside the compare view
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
  FileMenuState file_menu_;
  std::optional<OpenedCapture> capture_;
  bool drop_pending_run_ = false;  // a capture opened while a lesson run was in flight: that run must not replace it
  LiveFeed live_feed_;  // last: its thread stops before anything it hands runs to goes away
};

}  // namespace hl::app::ui
