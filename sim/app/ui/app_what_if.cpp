// The App's side of "what if?" (issue 14): send an edited record in place of the original (or
// have the client send it), show the fork in the compare view, undo it (the button, or Ctrl+Z
// through the key table).
#include <utility>

#include "app/ui/app.hpp"

namespace hl::app::ui {

bool App::send_edit(const edit::EditSpec& spec, std::string& out_error, EditBy by) {
  WhatIfEdit made;
  // The edit names a step of the run as trace numbers it (events grouped); the session may show every event.
  const std::span<const edit::EditSpec> edits(&spec, 1);
  const bool made_it = by == EditBy::client ? make_client_what_if(session_.grouped_run(), edits, made, out_error)
                                            : make_what_if(session_.grouped_run(), edits, made, out_error);
  if (!made_it) return false;
  what_if_ = std::move(made);
  CompareRequest request;
  request.left = {what_if_->original, "original"};
  request.right = {what_if_->edited, what_if_->label};
  request.mark_fork = true;
  request.fork_step = what_if_->first_difference - 1;
  open_compare(std::move(request));
  if (compare_.fork_row()) compare_.jump_to_position(*compare_.fork_row());
  context_.what_if = &*what_if_;
  ++context_.edits_sent;
  show_view("What if?");
  return true;
}

void App::undo_edit() {
  if (!what_if_) return;
  if (compare_.active() && compare_.side(Half::right).run == what_if_->edited) close_compare();
  what_if_.reset();
  context_.what_if = nullptr;
}

void App::do_edit_wishes() {
  // The comparison an edit opened was closed or replaced (Compare menu): the edit goes with it.
  if (what_if_ && (!compare_.active() || compare_.side(Half::right).run != what_if_->edited)) undo_edit();
  if (std::exchange(context_.undo_edit_wanted, false)) undo_edit();
  if (auto wanted = std::exchange(context_.edit_wanted, std::nullopt)) {
    std::string error;
    context_.edit_error = send_edit(wanted->spec, error, wanted->by) ? std::string() : error;
  }
}

}  // namespace hl::app::ui
