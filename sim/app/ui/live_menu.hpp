// The Live menu: start and stop the window's live server (app/live_feed.hpp), see the address
// and the CA file to give clients, and open any connection that arrived in the normal views.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "app/live_feed.hpp"

namespace hl::app::ui {

/// What the Live menu keeps between frames.
struct LiveMenuState {
  int port = 8443;
  std::string error;                        // why the last start failed; empty when it worked
  std::vector<LiveConnection> connections;  // every connection since the window opened, oldest first
  bool open_new = true;                     // show each new connection as it arrives
};

/// Moves finished connections into `state`; returns the newest one's run when state.open_new, else nullptr.
std::shared_ptr<const RunData> poll_live(LiveFeed& feed, LiveMenuState& state);

/// Draws the Live menu inside the menu bar; returns the run of a connection the user picked, else nullptr.
std::shared_ptr<const RunData> draw_live_menu(LiveFeed& feed, LiveMenuState& state, const Scenario& lesson);

}  // namespace hl::app::ui
