FROM python:3.11-slim-bookworm

ENV PYTHONUNBUFFERED=1 \
    UV_COMPILE_BYTECODE=1 \
    UV_LINK_MODE=copy \
    LITELLM_LOCAL_MODEL_COST_MAP=True \
    PATH="/app/.venv/bin:$PATH"

RUN pip install --no-cache-dir uv && useradd --create-home --uid 1000 copilot
WORKDIR /app
COPY pyproject.toml uv.lock ./
RUN uv sync --frozen --no-dev --no-install-project
COPY . .
RUN SECRET_KEY=collectstatic-only DEBUG=false python manage.py collectstatic --noinput \
    && chown -R copilot /app
USER copilot
EXPOSE 8000
CMD ["daphne", "-b", "0.0.0.0", "-p", "8000", "careercopilot.asgi:application"]
