package io.vsip4x.portal.web;

import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;

/**
 * The newest live event a page's content can be older than ({@code liveSince}, read before the
 * page's data): the page's first stream names it, so an event that came between rendering and
 * connecting makes the page resynchronize instead of being lost.
 */
@ControllerAdvice(annotations = org.springframework.stereotype.Controller.class)
class LiveModel {

    private final LiveUpdates live;

    LiveModel(LiveUpdates live) {
        this.live = live;
    }

    @ModelAttribute("liveSince")
    Long liveSince() {
        long id = live.lastId();
        return id >= 0 ? id : null;
    }
}
