package io.vsip4x.portal.notifications;

import io.vsip4x.portal.identity.CurrentUser;
import io.vsip4x.portal.identity.UserService;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.util.Locale;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;
import org.springframework.web.servlet.support.RequestContextUtils;

/**
 * Remembers the language each person last used on the portal's pages ({@code app_user.locale}),
 * so that their e-mail reads as their inbox does. Written once per session and per change.
 */
@Configuration(proxyBeanMethods = false)
class LocaleMemory implements WebMvcConfigurer {

    private static final String REMEMBERED = LocaleMemory.class.getName() + ".remembered";

    private final JdbcClient jdbc;

    LocaleMemory(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** The language of a stored tag; Chinese, the portal's default, when none is stored. */
    static Locale toLocale(String tag) {
        if (tag == null || tag.isBlank()) {
            return Locale.SIMPLIFIED_CHINESE;
        }
        Locale locale = Locale.forLanguageTag(tag);
        return "en".equals(locale.getLanguage()) ? Locale.ENGLISH : Locale.SIMPLIFIED_CHINESE;
    }

    @Override
    public void addInterceptors(InterceptorRegistry registry) {
        registry.addInterceptor(new HandlerInterceptor() {
            @Override
            public void afterCompletion(HttpServletRequest request, HttpServletResponse response, Object handler,
                    Exception ex) {
                remember(request);
            }
        }).excludePathPatterns("/live", "/static/**", "/webjars/**", "/guacamole-common-js/**",
                "/api/**");
    }

    private void remember(HttpServletRequest request) {
        HttpSession session = request.getSession(false);
        CurrentUser user = UserService.current();
        if (session == null || user == null) {
            return;
        }
        String tag = toLocale(RequestContextUtils.getLocale(request).toLanguageTag()).toLanguageTag();
        if (tag.equals(session.getAttribute(REMEMBERED))) {
            return;
        }
        jdbc.sql("UPDATE app_user SET locale = :tag WHERE id = :id").param("tag", tag).param("id", user.id())
                .update();
        session.setAttribute(REMEMBERED, tag);
    }
}
