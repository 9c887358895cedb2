# syntax=docker/dockerfile:1
# ualetters: a static binary with the fonts and templates embedded, in a
# distroless image, running as a non-root user.

FROM golang:1.26-bookworm AS build
WORKDIR /src
COPY go.mod go.sum ./
RUN go mod download
COPY . .
RUN CGO_ENABLED=0 GOOS=linux go build -trimpath -ldflags='-s -w' -o /out/ualetters ./cmd/ualetters \
 && /out/ualetters check-templates

FROM gcr.io/distroless/static-debian12:nonroot
COPY --from=build /out/ualetters /usr/local/bin/ualetters
USER nonroot:nonroot
ENV UALETTERS_ADDR=:8080 UALETTERS_LOG_FORMAT=json
EXPOSE 8080
# The image has no shell or curl: the binary checks its own /healthz.
HEALTHCHECK --interval=30s --timeout=5s --start-period=5s --retries=3 \
  CMD ["/usr/local/bin/ualetters", "healthcheck"]
ENTRYPOINT ["/usr/local/bin/ualetters"]
CMD ["serve"]
