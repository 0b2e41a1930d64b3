// Loop::round(): build the poll set, wait, serve, enforce deadlines, hand over what is over.
#include "core/live/loop.hpp"

#include <algorithm>
#include <cerrno>

namespace hl::live {

bool Loop::round(int listen_fd, int max_wait_ms, const ResultHandler& finished) {
  Clock::time_point now = Clock::now();
  Clock::time_point next_deadline = now + std::chrono::milliseconds(max_wait_ms);
  for (auto& connection : open_) next_deadline = std::min(next_deadline, connection->check_deadlines(now));
  hand_over_finished(finished);

  std::vector<pollfd> fds;
  fds.reserve(open_.size() + 1);
  for (auto& connection : open_) fds.push_back({connection->fd(), connection->poll_events(), 0});
  if (listen_fd >= 0) fds.push_back({listen_fd, POLLIN, 0});
  const auto wait = std::chrono::duration_cast<std::chrono::milliseconds>(next_deadline - now).count();
  const int ready = ::poll(fds.data(), fds.size(), static_cast<int>(std::clamp<long long>(wait + 1, 0, max_wait_ms)));
  if (ready < 0) return false;  // EINTR: a signal; the caller looks at its stop flag and comes back

  now = Clock::now();
  for (std::size_t i = 0; i < open_.size(); ++i)
    if (fds[i].revents != 0) open_[i]->on_ready(fds[i].revents, now);
  for (auto& connection : open_) connection->check_deadlines(now);
  hand_over_finished(finished);
  return listen_fd >= 0 && (fds.back().revents & POLLIN) != 0;
}

void Loop::stop_all(const std::string& why, const ResultHandler& finished) {
  for (auto& connection : open_) connection->stop(why);
  hand_over_finished(finished);
}

void Loop::hand_over_finished(const ResultHandler& finished) {
  auto over = std::stable_partition(open_.begin(), open_.end(), [](const auto& c) { return !c->over(); });
  std::vector<std::unique_ptr<Connection>> done(std::make_move_iterator(over), std::make_move_iterator(open_.end()));
  open_.erase(over, open_.end());
  for (auto& connection : done) finished(connection->result());
}

}  // namespace hl::live
