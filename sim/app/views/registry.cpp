// The one list of views. Add a view here and the layout places it by its slot; views in
// the same slot become tabs, in this order.
#include "app/views/audit_view.hpp"
#include "app/views/certificate_view.hpp"
#include "app/views/compare_view.hpp"
#include "app/views/eavesdropper_view.hpp"
#include "app/views/endpoint_view.hpp"
#include "app/views/field_tree_view.hpp"
#include "app/views/glossary_view.hpp"
#include "app/views/hex_pane_view.hpp"
#include "app/views/key_schedule_view.hpp"
#include "app/views/ladder_view.hpp"
#include "app/views/lesson_browser_view.hpp"
#include "app/views/lesson_view.hpp"
#include "app/views/mallory_view.hpp"
#include "app/views/scenario_view.hpp"
#include "app/views/step_bar_view.hpp"
#include "app/views/step_note_view.hpp"
#include "app/views/what_if_view.hpp"

namespace hl::app {

std::vector<std::unique_ptr<View>> make_views(bool use_progress_file) {
  std::vector<std::unique_ptr<View>> views;
  views.push_back(std::make_unique<StepBarView>());
  // Slot::lesson: the lesson pane (issue 5) goes first here, the built-in step note after it.
  auto lessons = std::make_shared<LessonState>(use_progress_file);  // the lesson pane and the browser share it
  views.push_back(std::make_unique<LessonView>(lessons));
  views.push_back(std::make_unique<StepNoteView>());
  views.push_back(std::make_unique<LessonBrowserView>(lessons));
  views.push_back(std::make_unique<GlossaryView>());
  views.push_back(std::make_unique<WhatIfView>());  // "what if?": the edit on screen, its marked bytes, undo
  views.push_back(std::make_unique<LadderView>());
  views.push_back(std::make_unique<FieldTreeView>());
  views.push_back(std::make_unique<KeyScheduleView>());
  views.push_back(std::make_unique<HexPaneView>());
  views.push_back(std::make_unique<EndpointView>());
  views.push_back(std::make_unique<CertificateView>());
  views.push_back(std::make_unique<EavesdropperPane>());
  views.push_back(std::make_unique<MalloryView>());
  views.push_back(std::make_unique<ScenarioView>());
  views.push_back(std::make_unique<AuditView>());
  views.push_back(std::make_unique<CompareView>());  // Slot::compare: drawn only while a comparison is open
  return views;
}

}  // namespace hl::app
