// The scenario panel: TLS version, groups, cipher suite, certificate key type, the name the
// client verifies, and the seed. Any change reruns the scenario at once (in the background).
#pragma once

#include <string>

#include "app/views/view.hpp"

namespace hl::app {

class ScenarioView : public View {
 public:
  ScenarioView() : View("Scenario", Slot::side, false) {}

 protected:
  void drawContent(ViewContext& context) override;

 private:
  std::string verify_name_edit_;  // the text field's content until Enter or focus leaves
  bool editing_verify_name_ = false;
};

}  // namespace hl::app
