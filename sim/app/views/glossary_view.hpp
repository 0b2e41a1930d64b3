// The Glossary tab: every term of the glossary table (core/lessons/glossary.hpp) with its
// definition, filtered by what the learner types. The lesson pane shows the same text on hover.
#pragma once

#include <string>

#include "app/views/view.hpp"

namespace hl::app {

class GlossaryView : public View {
 public:
  GlossaryView() : View("Glossary", Slot::lesson, false) {}

 protected:
  void drawContent(ViewContext& context) override;

 private:
  std::string filter_;  // shown: terms and definitions containing it (any case); empty shows all
};

}  // namespace hl::app
