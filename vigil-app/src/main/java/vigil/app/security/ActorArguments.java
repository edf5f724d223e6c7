package vigil.app.security;

import org.springdoc.core.utils.SpringDocUtils;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.MethodParameter;
import org.springframework.web.bind.support.WebDataBinderFactory;
import org.springframework.web.context.request.NativeWebRequest;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.method.support.ModelAndViewContainer;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;
import vigil.store.security.Actor;

/**
 * Lets a controller method take the current {@link Actor} as a parameter; queries take its
 * visibility, changes its name for the audit trail.
 */
@Configuration
class ActorArguments implements WebMvcConfigurer, HandlerMethodArgumentResolver {
  static {
    SpringDocUtils.getConfig().addRequestWrapperToIgnore(Actor.class);
  }

  private final ActorResolver actors;

  ActorArguments(ActorResolver actors) {
    this.actors = actors;
  }

  @Override
  public void addArgumentResolvers(java.util.List<HandlerMethodArgumentResolver> resolvers) {
    resolvers.add(this);
  }

  @Override
  public boolean supportsParameter(MethodParameter parameter) {
    return parameter.getParameterType() == Actor.class;
  }

  @Override
  public Object resolveArgument(MethodParameter parameter, ModelAndViewContainer mav, NativeWebRequest request,
      WebDataBinderFactory binders) {
    return actors.current().orElseThrow(() -> new Actor.Forbidden("not signed in"));
  }
}
