package dev.proximity.map;

import dev.proximity.web.MapProperties;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

@Controller
class MapPageController {

    private final MapProperties map;

    MapPageController(MapProperties map) {
        this.map = map;
    }

    @GetMapping("/")
    String map(Model model) {
        model.addAttribute("map", map);
        model.addAttribute("categories", map.categories());
        return "map";
    }
}
