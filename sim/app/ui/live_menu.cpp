// The Live menu: a port field and a start/stop item, what to give a client, and the connections.
#include "app/ui/live_menu.hpp"

#include <imgui.h>

#include <algorithm>

namespace hl::app::ui {
namespace {

void draw_listening(const LiveFeed& feed) {
  const std::string ca = feed.ca_path().string();
  ImGui::TextDisabled("Listening on %s", feed.address().c_str());
  ImGui::TextDisabled("Clients trust %s", ca.c_str());
  const std::string port = feed.address().substr(feed.address().rfind(':') + 1);
  const std::string example = "curl --cacert " + ca + " https://localhost:" + port + "/";
  if (ImGui::MenuItem("Copy a curl command")) ImGui::SetClipboardText(example.c_str());
  if (ImGui::IsItemHovered()) ImGui::SetTooltip("%s", example.c_str());
}

void draw_stopped(LiveFeed& feed, LiveMenuState& state, const Scenario& lesson) {
  ImGui::SetNextItemWidth(ImGui::GetFontSize() * 6);
  ImGui::InputInt("Port on 127.0.0.1", &state.port, 0);
  state.port = std::clamp(state.port, 0, 65535);
  if (ImGui::MenuItem(("Listen as the server of " + lesson.id).c_str())) {
    state.error.clear();
    if (!feed.start(lesson, state.port, state.error)) state.error = "Cannot listen: " + state.error;
  }
  if (!state.error.empty()) ImGui::TextWrapped("%s", state.error.c_str());
}

}  // namespace

std::shared_ptr<const RunData> poll_live(LiveFeed& feed, LiveMenuState& state) {
  std::vector<LiveConnection> arrived = feed.take_finished();
  if (arrived.empty()) return nullptr;
  for (auto& connection : arrived) state.connections.push_back(std::move(connection));
  return state.open_new ? state.connections.back().run : nullptr;
}

std::shared_ptr<const RunData> draw_live_menu(LiveFeed& feed, LiveMenuState& state, const Scenario& lesson) {
  if (!ImGui::BeginMenu("Live")) return nullptr;
  if (feed.listening()) {
    draw_listening(feed);
    if (ImGui::MenuItem("Stop listening")) feed.stop();
  } else {
    draw_stopped(feed, state, lesson);
  }
  ImGui::MenuItem("Show each new connection", nullptr, &state.open_new);
  ImGui::Separator();
  if (state.connections.empty()) ImGui::TextDisabled("No connection yet");
  std::shared_ptr<const RunData> picked;
  // Newest first: the one a person just made is at the top.
  for (auto it = state.connections.rbegin(); it != state.connections.rend(); ++it) {
    ImGui::PushID(static_cast<int>(it - state.connections.rbegin()));
    const std::string label = std::to_string(it->number) + "  " + it->peer;
    if (ImGui::MenuItem(label.c_str(), it->summary.c_str())) picked = it->run;
    ImGui::PopID();
  }
  ImGui::EndMenu();
  return picked;
}

}  // namespace hl::app::ui
