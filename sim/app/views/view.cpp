#include "app/views/view.hpp"

#include <imgui.h>

namespace hl::app {

void View::draw(ViewContext& context) {
  if (!ImGui::BeginChild(child_id_.c_str(), ImVec2(0, 0), false)) {
    ImGui::EndChild();
    return;
  }
  drawContent(context);
  ImGui::EndChild();
}

}  // namespace hl::app
