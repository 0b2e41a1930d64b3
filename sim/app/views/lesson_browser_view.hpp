// The lesson browser: the port table from the `ports` lesson (service, plaintext port,
// secure port, purpose), each port opening its lesson, then the topic lessons; progress
// (opened, questions answered right) beside each.
#pragma once

#include <memory>

#include "app/views/lesson_state.hpp"
#include "app/views/view.hpp"

namespace hl::app {

class LessonBrowserView : public View {
 public:
  /// state: shared with the lesson pane (make_views()).
  explicit LessonBrowserView(std::shared_ptr<LessonState> state) : View("Lessons", Slot::lesson, false), state_(std::move(state)) {}

 protected:
  void drawContent(ViewContext& context) override;

 private:
  std::shared_ptr<LessonState> state_;
};

}  // namespace hl::app
