package homelabarr.metrics;

import homelabarr.docker.Engine;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;

/**
 * Times every call through the {@link Engine} interface by operation (the method's name: a bounded set) and
 * outcome. A dynamic proxy rather than a hand-written decorator, so an operation added to Engine later is timed
 * without anyone remembering to add it here. Streams (logs, pulls, stats, events) are timed until they are open.
 */
final class TimedEngine implements InvocationHandler {
    private final Engine target;
    private final Metrics metrics;

    private TimedEngine(Engine target, Metrics metrics) {
        this.target = target;
        this.metrics = metrics;
    }

    static Engine wrap(Engine target, Metrics metrics) {
        return (Engine) Proxy.newProxyInstance(Engine.class.getClassLoader(), new Class<?>[]{Engine.class},
                new TimedEngine(target, metrics));
    }

    @Override
    public Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
        if (method.getDeclaringClass() == Object.class || method.getName().equals("close")) {
            return call(method, args);
        }
        long start = System.nanoTime();
        boolean ok = false;
        try {
            Object result = call(method, args);
            ok = true;
            return result;
        } finally {
            metrics.engineCall(method.getName(), ok, System.nanoTime() - start);
        }
    }

    /** The target's own exception, not the reflection wrapper, so EngineException reaches the error mapper. */
    private Object call(Method method, Object[] args) throws Throwable {
        try {
            return method.invoke(target, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }
}
