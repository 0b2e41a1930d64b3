// The base of every pane (as ImHex's hex::View): draw() opens the pane's child window and
// exits early when it is hidden; subclasses only implement drawContent(). Views never call
// each other: they read and write the shared ViewContext.
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "app/compare_overrides.hpp"
#include "app/comparison.hpp"
#include "app/scenario_runner.hpp"
#include "app/session.hpp"
#include "app/settings.hpp"
#include "app/what_if_edit.hpp"
#include "core/edit/edit_spec.hpp"

namespace hl::app {

/// Where the layout puts a view. Several views in one slot become tabs. Slot::compare is drawn
/// only while a comparison is open, in place of the ladder and the panes right of it.
enum class Slot { step_bar, lesson, side, ladder, tree, hex, compare };

/// The state views share. Owned by the App; views hold no pointers to each other.
struct ViewContext {
  Session& session;
  Settings& settings;
  Scenario& scenario;         // what the scenario panel edits; the App reruns it when changed
  ScenarioRunner& runner;
  std::string lesson_id;
  bool presenter = false;     // F5: big fonts, only lesson, ladder and the current step
  bool compact = false;       // the window is narrow for its font size: fewer columns, shorter labels
  bool scenario_changed = false;  // set by a view; the App reruns and clears it
  std::string bring_to_front;     // a view title whose tab is selected on the next frame, then cleared
  bool show_run_time = true;      // false in screenshots: a timing differs from machine to machine
  bool reset_progress_asked = false;  // set by the menu; the lesson browser asks to confirm, then clears it
  std::size_t capture_connections = 0;  // TLS connections of the capture on screen; 0 when a lesson run is shown
  std::size_t capture_connection = 0;   // which of them is shown, from 0
  std::optional<std::size_t> capture_connection_wanted = std::nullopt;  // set by a view (the step bar); the App shows it and clears it
  Comparison& compare;  // two runs side by side, when open (compare.active()); the App builds it
  // Set by a view, done by the App between frames, then cleared: compare the run on screen with its
  // scenario plus these overrides (empty: close the comparison) ...
  std::optional<ScenarioOverrides> compare_wanted = std::nullopt;
  // ... or compare two runs the view already has (a "what if" edit against the original).
  std::optional<CompareRequest> compare_runs_wanted = std::nullopt;
  std::string compare_lesson = {};  // the lesson whose [compare] table opened the comparison; empty otherwise
  // "What if?" (issue 14): the edit on screen (nullptr: none; the App owns it) and the wishes a view sets,
  // which the App does between frames: send this edited record instead, or undo the edit.
  const WhatIfEdit* what_if = nullptr;
  std::optional<EditRequest> edit_wanted = std::nullopt;
  bool undo_edit_wanted = false;
  std::string edit_error = {};        // why the last edit_wanted was refused; empty when it worked
  unsigned edits_sent = 0;            // bumped by the App each time an edit was sent and shown
};

class View {
 public:
  /// title is the tab and child-window label; presenter: shown in presenter mode.
  View(std::string title, Slot slot, bool presenter)
      : title_(std::move(title)), child_id_("##view-" + title_), slot_(slot), presenter_(presenter) {}
  virtual ~View() = default;

  /// Draws the view in a child window filling the space available.
  void draw(ViewContext& context);

  /// The tab label, where the layout puts the view, and whether presenter mode keeps it.
  const std::string& title() const { return title_; }
  Slot slot() const { return slot_; }
  bool shown_in_presenter() const { return presenter_; }
  /// True when the view needs most of the width in presenter mode (a diagram, not prose):
  /// while it is the front tab, the presenter layout gives its pane the larger share.
  virtual bool wide_in_presenter() const { return false; }

 protected:
  /// The pane's own content, inside its child window.
  virtual void drawContent(ViewContext& context) = 0;

 private:
  std::string title_;
  std::string child_id_;
  Slot slot_;
  bool presenter_;
};

/// Every view of the window, in the order tabs appear. The one list where views are registered.
/// use_progress_file false: the lesson views neither read nor write the learner's progress file.
std::vector<std::unique_ptr<View>> make_views(bool use_progress_file = true);

}  // namespace hl::app
